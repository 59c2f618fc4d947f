using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Org;

/// <summary>Moves a unit, with its whole subtree, under another parent.</summary>
public sealed record MoveOrgUnitCommand(Guid Id, Guid ParentId, int? ExpectedVersion) : ICommand<OrgUnitDto>, IExclusiveCommand;

public sealed class MoveOrgUnitValidator : AbstractValidator<MoveOrgUnitCommand>
{
    public MoveOrgUnitValidator() => RuleFor(c => c.ParentId).NotEmpty();
}

public sealed class MoveOrgUnitHandler(IVisionTrackerDbContext db, AccessPolicy access, FigureCalculator figures) : ICommandHandler<MoveOrgUnitCommand, OrgUnitDto>
{
    public async ValueTask<OrgUnitDto> Handle(MoveOrgUnitCommand command, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("OrgUnit", command.Id);
        access.EnsureRole(unit.Path, Role.Admin, "OrgUnit", unit.Id, new ErrorPart(nameof(ErrorTexts.DoMoveUnit)));
        var parent = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == command.ParentId, cancellationToken)
            ?? throw new NotFoundException("OrgUnit", command.ParentId);
        access.EnsureRole(parent.Path, Role.Admin, "OrgUnit", parent.Id, new ErrorPart(nameof(ErrorTexts.DoMoveUnitUnder)));
        unit.EnsureVersion(command.ExpectedVersion);

        if (unit.ParentId is null)
        {
            throw new DomainRuleException(nameof(ErrorTexts.RootUnitMove));
        }

        if (unit.ParentId == parent.Id)
        {
            return unit.ToDto();
        }

        var descendants = await db.OrgUnits
            .Where(u => u.Path.StartsWith(unit.Path) && u.Id != unit.Id)
            .ToListAsync(cancellationToken);
        var oldPath = unit.MoveTo(parent);
        foreach (var descendant in descendants)
        {
            descendant.Reroot(oldPath, unit.Path);
        }

        await db.SaveChangesAsync(cancellationToken);

        // Unit figures cover whole subtrees, so every period with goals in the moved subtree changes its unit figures.
        var movedIds = descendants.Select(d => d.Id).Append(unit.Id).ToList();
        var periods = await db.Goals.Where(g => movedIds.Contains(g.OwnerUnitId)).Select(g => g.PeriodId).Distinct().ToListAsync(cancellationToken);
        foreach (var period in periods)
        {
            await figures.RecalculatePeriodAsync(period, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return unit.ToDto();
    }
}
