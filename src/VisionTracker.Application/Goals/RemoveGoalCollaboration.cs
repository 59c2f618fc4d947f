using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.Goals;

public sealed record RemoveGoalCollaborationCommand(Guid GoalId, int? ExpectedVersion, Guid CollaborationId) : ICommand<Guid>;

public sealed class RemoveGoalCollaborationHandler(IVisionTrackerDbContext db, AccessPolicy access)
    : ICommandHandler<RemoveGoalCollaborationCommand, Guid>
{
    public async ValueTask<Guid> Handle(RemoveGoalCollaborationCommand command, CancellationToken cancellationToken)
    {
        var goal = await db.LoadGoalForChangeAsync(access, command.GoalId, command.ExpectedVersion, cancellationToken, q => q.Include(g => g.Collaborations));
        var collaboration = goal.Collaborations.FirstOrDefault(c => c.Id == command.CollaborationId)
            ?? throw new NotFoundException("Collaboration", command.CollaborationId);
        db.Collaborations.Remove(collaboration);
        await db.SaveChangesAsync(cancellationToken);
        return goal.Id;
    }
}
