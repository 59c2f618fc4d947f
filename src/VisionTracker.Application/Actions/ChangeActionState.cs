using FluentValidation;
using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Actions;

namespace VisionTracker.Application.Actions;

/// <summary>Planned → InProgress → Done | Blocked | Cancelled, as the action's state machine allows.</summary>
public sealed record ChangeActionStateCommand(Guid Id, int? ExpectedVersion, ActionState State) : ICommand<Guid>;

public sealed class ChangeActionStateValidator : AbstractValidator<ChangeActionStateCommand>
{
    public ChangeActionStateValidator() => RuleFor(c => c.State).IsInEnum();
}

public sealed class ChangeActionStateHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<ChangeActionStateCommand, Guid>
{
    public async ValueTask<Guid> Handle(ChangeActionStateCommand command, CancellationToken cancellationToken)
    {
        var action = await db.LoadActionForChangeAsync(access, command.Id, command.ExpectedVersion, cancellationToken);
        action.MoveTo(command.State);
        await db.SaveChangesAsync(cancellationToken);
        return action.Id;
    }
}
