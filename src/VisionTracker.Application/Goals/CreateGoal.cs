using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Goals;

public sealed record CreateGoalCommand(
    Guid PeriodId,
    Guid OwnerUnitId,
    Guid? OwnerId,
    string Title,
    string? Description,
    string CitizenValue,
    CoCreationLevel CoCreationLevel,
    bool GreenTransition,
    Guid? ParentGoalId,
    IReadOnlyList<string>? Tags) : ICommand<Guid>, IGoalFields;

public sealed class CreateGoalValidator : AbstractValidator<CreateGoalCommand>
{
    public CreateGoalValidator()
    {
        RuleFor(c => c.PeriodId).NotEmpty();
        RuleFor(c => c.OwnerUnitId).NotEmpty();
        Include(new GoalFieldsValidator());
    }
}

public sealed class CreateGoalHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<CreateGoalCommand, Guid>
{
    public async ValueTask<Guid> Handle(CreateGoalCommand command, CancellationToken cancellationToken)
    {
        if (command.ParentGoalId is { } parentGoalId)
        {
            await db.LockGoalTreesAsync(new GoalTrees([parentGoalId]), cancellationToken);
        }

        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == command.OwnerUnitId, cancellationToken)
            ?? throw new NotFoundException("OrgUnit", command.OwnerUnitId);
        access.EnsureRole(unit.Path, Role.Leader, "OrgUnit", unit.Id, new ErrorPart(nameof(ErrorTexts.DoCreateGoals)));
        var period = await db.Periods.FirstOrDefaultAsync(p => p.Id == command.PeriodId, cancellationToken)
            ?? throw new NotFoundException("Period", command.PeriodId);
        period.EnsureWritable();

        var ownerId = command.OwnerId ?? access.PersonId;
        if (ownerId != access.PersonId && access.RoleAt(unit.Path) < Role.DepartmentHead)
        {
            throw new ForbiddenException(nameof(ErrorTexts.ForbiddenGoalForOther));
        }

        await db.EnsureCanOwnAsync(ownerId, unit.Path, cancellationToken);
        if (command.ParentGoalId is { } parentId)
        {
            await GoalRules.EnsureValidParentAsync(db, access, parentId, command.PeriodId, null, unit.Path, cancellationToken);
        }

        var goal = new Goal
        {
            PeriodId = period.Id,
            OwnerUnitId = unit.Id,
            OwnerId = ownerId,
            Title = command.Title.Trim(),
            Description = command.Description?.Trim() ?? "",
            CitizenValue = command.CitizenValue.Trim(),
            CoCreationLevel = command.CoCreationLevel,
            GreenTransition = command.GreenTransition,
            ParentGoalId = command.ParentGoalId,
            Tags = GoalRules.NormaliseTags(command.Tags),
        };
        db.Goals.Add(goal);
        await db.SaveChangesAsync(cancellationToken);
        return goal.Id;
    }
}
