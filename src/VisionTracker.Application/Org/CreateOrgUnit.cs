using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Org;

public sealed record CreateOrgUnitCommand(string Code, string Name, OrgUnitKind Kind, Guid ParentId, int? CheckInCadenceDays)
    : ICommand<OrgUnitDto>, IOrgUnitFields;

public sealed class CreateOrgUnitValidator : AbstractValidator<CreateOrgUnitCommand>
{
    public CreateOrgUnitValidator()
    {
        Include(new OrgUnitFieldsValidator());
        RuleFor(c => c.ParentId).NotEmpty();
    }
}

public sealed class CreateOrgUnitHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<CreateOrgUnitCommand, OrgUnitDto>
{
    public async ValueTask<OrgUnitDto> Handle(CreateOrgUnitCommand command, CancellationToken cancellationToken)
    {
        var parent = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == command.ParentId, cancellationToken)
            ?? throw new NotFoundException("OrgUnit", command.ParentId);
        access.EnsureRole(parent.Path, Role.Admin, "OrgUnit", parent.Id, new ErrorPart(nameof(ErrorTexts.DoCreateUnit)));

        var code = command.Code.Trim();
        await OrgUnitCodes.EnsureFreeAsync(db, code, null, cancellationToken);

        var unit = OrgUnit.Create(code, command.Name.Trim(), command.Kind, parent);
        unit.CheckInCadenceDays = command.CheckInCadenceDays;
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        return unit.ToDto();
    }
}

internal static class OrgUnitCodes
{
    public static async Task EnsureFreeAsync(IVisionTrackerDbContext db, string code, Guid? exceptId, CancellationToken ct)
    {
        if (await db.OrgUnits.AnyAsync(u => u.Code == code && u.Id != exceptId, ct))
        {
            throw new DomainRuleException(nameof(ErrorTexts.UnitCodeTaken), code);
        }
    }
}
