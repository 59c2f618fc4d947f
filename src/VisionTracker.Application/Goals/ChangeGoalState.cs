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
