using FluentValidation;
using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.Actions;

/// <summary>
/// Hands the action to another person: a department head over its unit may, and so may the current owner, to someone
/// whose home unit the caller can see and who may own work in the action's unit.
/// </summary>
public sealed record ChangeActionOwnerCommand(Guid Id, int? ExpectedVersion, Guid OwnerId) : ICommand<Guid>;

public sealed class ChangeActionOwnerValidator : AbstractValidator<ChangeActionOwnerCommand>
{
    public ChangeActionOwnerValidator() => RuleFor(c => c.OwnerId).NotEmpty();
}

public sealed class ChangeActionOwnerHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<ChangeActionOwnerCommand, Guid>
{
    public async ValueTask<Guid> Handle(ChangeActionOwnerCommand command, CancellationToken cancellationToken)
    {
        var action = await db.LoadActionForChangeAsync(access, command.Id, command.ExpectedVersion, cancellationToken);
        if (command.OwnerId == action.OwnerId)
        {
            return action.Id;
        }

        await db.EnsureAssignableAsync(access, command.OwnerId, action.OrgUnit!.Path, cancellationToken);
        action.OwnerId = command.OwnerId;
        await db.SaveChangesAsync(cancellationToken);
        return action.Id;
    }
}
