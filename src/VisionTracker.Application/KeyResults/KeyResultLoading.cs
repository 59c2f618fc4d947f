using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.KeyResults;

internal static class KeyResultLoading
{
    /// <summary>Loads a key result for a change by its owner, the goal's owner, or a department head over the unit.</summary>
    public static async Task<KeyResult> LoadKeyResultForChangeAsync(
        this IVisionTrackerDbContext db, AccessPolicy access, Guid id, int? expectedVersion, CancellationToken ct)
    {
        var keyResult = await db.KeyResults.Include(k => k.Milestones)
            .Include(k => k.Goal!).ThenInclude(g => g.OwnerUnit)
            .Include(k => k.Goal!).ThenInclude(g => g.Period)
            .AsSplitQuery()
            .FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw new NotFoundException("KeyResult", id);
        var goal = keyResult.Goal!;
        if (!OwnsKeyResult(access, goal.OwnerUnit!.Path, keyResult.OwnerId))
        {
            access.EnsureCanChangeOwned(goal.OwnerUnit!.Path, goal.OwnerId, "KeyResult", id);
        }

        goal.Period!.EnsureWritable();
        goal.EnsureEditable();
        keyResult.EnsureVersion(expectedVersion);
        return keyResult;
    }

    /// <summary>May change the key result as its owner (a leader over the goal's unit); otherwise only as the goal's owner or a department head may.</summary>
    public static bool OwnsKeyResult(AccessPolicy access, string goalUnitPath, Guid keyResultOwnerId) =>
        keyResultOwnerId == access.PersonId && access.RoleAt(goalUnitPath) >= Domain.Organisation.Role.Leader;

    public static bool CanChangeKeyResult(this AccessPolicy access, string goalUnitPath, Guid goalOwnerId, Guid keyResultOwnerId) =>
        OwnsKeyResult(access, goalUnitPath, keyResultOwnerId) || access.CanChangeOwned(goalUnitPath, goalOwnerId);
}
