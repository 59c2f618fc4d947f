using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Goals;

/// <summary>
/// Copies a goal into a later period as a Draft: texts, tags and alignments not rejected (to be reviewed again), key results reset
/// to their start, no check-ins and no actions, and a link to the original.
/// </summary>
public sealed record CopyGoalCommand(Guid Id, Guid TargetPeriodId) : ICommand<Guid>;

public sealed class CopyGoalValidator : AbstractValidator<CopyGoalCommand>
{
    public CopyGoalValidator() => RuleFor(c => c.TargetPeriodId).NotEmpty();
}

public sealed class CopyGoalHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<CopyGoalCommand, Guid>
{
    public async ValueTask<Guid> Handle(CopyGoalCommand command, CancellationToken cancellationToken)
    {
        var source = await db.Goals.AsNoTracking()
            .Include(g => g.OwnerUnit).Include(g => g.Period)
            .Include(g => g.KeyResults).ThenInclude(k => k.Milestones)
            .Include(g => g.Alignments)
            .AsSplitQuery()
            .FirstOrDefaultAsync(g => g.Id == command.Id, cancellationToken) ?? throw new NotFoundException("Goal", command.Id);
        access.EnsureRole(source.OwnerUnit!.Path, Role.Leader, "Goal", source.Id, new ErrorPart(nameof(ErrorTexts.DoCopyGoals)));
        var target = await db.Periods.FirstOrDefaultAsync(p => p.Id == command.TargetPeriodId, cancellationToken)
            ?? throw new NotFoundException("Period", command.TargetPeriodId);
        if (target.Start <= source.Period!.Start)
        {
            throw new DomainRuleException(nameof(ErrorTexts.CopyGoalPeriodNotLater), target.Name, source.Period.Name);
        }

        target.EnsureWritable();
        var ownerId = access.RoleAt(source.OwnerUnit.Path) >= Role.DepartmentHead ? source.OwnerId : access.PersonId;
        var copy = new Goal
        {
            PeriodId = target.Id,
            OwnerUnitId = source.OwnerUnitId,
            OwnerId = ownerId,
            Title = source.Title,
            Description = source.Description,
            CitizenValue = source.CitizenValue,
            CoCreationLevel = source.CoCreationLevel,
            GreenTransition = source.GreenTransition,
            Tags = [.. source.Tags],
            CopiedFromGoalId = source.Id,
        };
        copy.Alignments.AddRange(source.Alignments.Where(a => a.Counts).Select(a => new GoalTheme { GoalId = copy.Id, ThemeId = a.ThemeId, Rationale = a.Rationale }));
        copy.KeyResults.AddRange(source.KeyResults.Select(k => new KeyResult
        {
            GoalId = copy.Id,
            PeriodId = target.Id,
            OwnerId = k.OwnerId,
            Title = k.Title,
            MetricKind = k.MetricKind,
            Direction = k.Direction,
            StartValue = k.StartValue,
            TargetValue = k.TargetValue,
            CurrentValue = k.StartValue,
            Unit = k.Unit,
            Weight = k.Weight,
            Milestones = k.Milestones.Select(m => new Milestone { Title = m.Title, SortOrder = m.SortOrder }).ToList(),
        }));
        db.Goals.Add(copy);
        await db.SaveChangesAsync(cancellationToken);
        return copy.Id;
    }
}
