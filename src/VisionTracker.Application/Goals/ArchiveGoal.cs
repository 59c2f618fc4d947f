using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.Goals;

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
