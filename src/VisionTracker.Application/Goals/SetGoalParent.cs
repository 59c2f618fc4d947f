using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.Goals;

/// <summary>Places a goal under a parent goal of the same period (a department goal broken into unit goals), or detaches it.</summary>
public sealed record SetGoalParentCommand(Guid Id, int? ExpectedVersion, Guid? ParentGoalId) : ICommand<Guid>;

public sealed class SetGoalParentHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<SetGoalParentCommand, Guid>
{
    public async ValueTask<Guid> Handle(SetGoalParentCommand command, CancellationToken cancellationToken)
    {
        var goal = await db.LoadGoalForChangeAsync(access, command.Id, command.ExpectedVersion, cancellationToken, alsoGoalId: command.ParentGoalId);
        if (command.ParentGoalId is { } parentId)
        {
            await GoalRules.EnsureValidParentAsync(db, access, parentId, goal.PeriodId, goal.Id, goal.OwnerUnit!.Path, cancellationToken);
        }

        goal.ParentGoalId = command.ParentGoalId;
        await db.SaveChangesAsync(cancellationToken);
        return goal.Id;
    }
}
