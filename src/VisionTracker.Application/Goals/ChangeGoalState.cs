using FluentValidation;
using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Goals;

/// <summary>Draft → Active → Achieved | Abandoned (Achieved may be reopened, Abandoned returns to Draft).</summary>
public sealed record ChangeGoalStateCommand(Guid Id, int? ExpectedVersion, GoalState State) : ICommand<Guid>;

public sealed class ChangeGoalStateValidator : AbstractValidator<ChangeGoalStateCommand>
{
    public ChangeGoalStateValidator() => RuleFor(c => c.State).IsInEnum();
}

public sealed class ChangeGoalStateHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<ChangeGoalStateCommand, Guid>
{
    public async ValueTask<Guid> Handle(ChangeGoalStateCommand command, CancellationToken cancellationToken)
    {
        var goal = await db.LoadGoalForChangeAsync(access, command.Id, command.ExpectedVersion, cancellationToken);
        goal.MoveTo(command.State);
        await db.SaveChangesAsync(cancellationToken);
        return goal.Id;
    }
}

/// <summary>Archived goals leave every figure and become read-only until restored.</summary>
public sealed record ArchiveGoalCommand(Guid Id, int? ExpectedVersion, bool Archived) : ICommand<Guid>;

public sealed class ArchiveGoalHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<ArchiveGoalCommand, Guid>
{
    public async ValueTask<Guid> Handle(ArchiveGoalCommand command, CancellationToken cancellationToken)
    {
        var goal = await db.LoadGoalForChangeAsync(access, command.Id, command.ExpectedVersion, cancellationToken, allowArchived: true);
        if (command.Archived)
        {
            goal.Archive();
        }
        else
        {
            goal.Restore();
        }

        await db.SaveChangesAsync(cancellationToken);
        return goal.Id;
    }
}

/// <summary>Places a goal under a parent goal of the same period (a department goal broken into unit goals), or detaches it.</summary>
public sealed record SetGoalParentCommand(Guid Id, int? ExpectedVersion, Guid? ParentGoalId) : ICommand<Guid>;

public sealed class SetGoalParentHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<SetGoalParentCommand, Guid>
{
    public async ValueTask<Guid> Handle(SetGoalParentCommand command, CancellationToken cancellationToken)
    {
        var goal = await db.LoadGoalForChangeAsync(access, command.Id, command.ExpectedVersion, cancellationToken);
        if (command.ParentGoalId is { } parentId)
        {
            await GoalRules.EnsureValidParentAsync(db, access, parentId, goal.PeriodId, goal.Id, goal.OwnerUnit!.Path, cancellationToken);
        }

        goal.ParentGoalId = command.ParentGoalId;
        await db.SaveChangesAsync(cancellationToken);
        return goal.Id;
    }
}
