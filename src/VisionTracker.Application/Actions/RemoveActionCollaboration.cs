using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.Actions;

public sealed record RemoveActionCollaborationCommand(Guid ActionId, int? ExpectedVersion, Guid CollaborationId) : ICommand<Guid>;

public sealed class RemoveActionCollaborationHandler(IVisionTrackerDbContext db, AccessPolicy access)
    : ICommandHandler<RemoveActionCollaborationCommand, Guid>
{
    public async ValueTask<Guid> Handle(RemoveActionCollaborationCommand command, CancellationToken cancellationToken)
    {
        var action = await db.LoadActionForChangeAsync(access, command.ActionId, command.ExpectedVersion, cancellationToken, withCollaborations: true);
        var collaboration = action.Collaborations.FirstOrDefault(c => c.Id == command.CollaborationId)
            ?? throw new NotFoundException("Collaboration", command.CollaborationId);
        db.Collaborations.Remove(collaboration);
        await db.SaveChangesAsync(cancellationToken);
        return action.Id;
    }
}
