using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.Goals;

public sealed record UnalignGoalCommand(Guid Id, int? ExpectedVersion, Guid ThemeId) : ICommand<Guid>;

public sealed class UnalignGoalHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<UnalignGoalCommand, Guid>
{
    public async ValueTask<Guid> Handle(UnalignGoalCommand command, CancellationToken cancellationToken)
    {
        var goal = await db.LoadGoalForChangeAsync(access, command.Id, command.ExpectedVersion, cancellationToken, q => q.Include(g => g.Alignments));
        var alignment = goal.Alignments.FirstOrDefault(a => a.ThemeId == command.ThemeId)
            ?? throw new NotFoundException("Alignment", command.ThemeId);
        goal.Alignments.Remove(alignment);
        await db.SaveChangesAsync(cancellationToken);
        return goal.Id;
    }
}
