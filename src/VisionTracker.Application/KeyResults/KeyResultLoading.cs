using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.KeyResults;

internal static class KeyResultLoading
{
    /// <summary>Loads a key result for a change by its owner, the goal's owner, or a department head over the unit (its goal tree locked first).</summary>
    public static async Task<KeyResult> LoadKeyResultForChangeAsync(
        this IVisionTrackerDbContext db, AccessPolicy access, Guid id, int? expectedVersion, CancellationToken ct)
    {
        await db.LockGoalTreesAsync(new GoalTrees(KeyResults: [id]), ct);
        var keyResult = await db.KeyResults.Include(k => k.Milestones)
            .Include(k => k.Goal!).ThenInclude(g => g.OwnerUnit)
            .Include(k => k.Goal!).ThenInclude(g => g.Period)
            .AsSplitQuery()
            .FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw new NotFoundException("KeyResult", id);
        var goal = keyResult.Goal!;
        var ownsKeyResult = keyResult.OwnerId == access.PersonId && access.RoleAt(goal.OwnerUnit!.Path) >= Domain.Organisation.Role.Leader;
        if (!ownsKeyResult)
        {
            access.EnsureCanChangeOwned(goal.OwnerUnit!.Path, goal.OwnerId, "KeyResult", id);
        }

        goal.Period!.EnsureWritable();
        goal.EnsureEditable();
        keyResult.EnsureVersion(expectedVersion);
        return keyResult;
    }
}
