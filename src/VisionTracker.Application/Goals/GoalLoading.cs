using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Goals;

internal static class GoalLoading
{
    /// <summary>
    /// Loads a goal for a change by its owner (or a department head over its unit): 404 outside the caller's scope,
    /// 403 without the right, 409 in a closed period or while archived, 412 on a stale If-Match. Its goal tree (and that
    /// of <paramref name="alsoGoalId"/>, a goal the command will also touch) is locked first.
    /// </summary>
    public static async Task<Goal> LoadGoalForChangeAsync(
        this IVisionTrackerDbContext db,
        AccessPolicy access,
        Guid id,
        int? expectedVersion,
        CancellationToken ct,
        Func<IQueryable<Goal>, IQueryable<Goal>>? include = null,
        bool allowArchived = false,
        Guid? alsoGoalId = null)
    {
        await db.LockGoalTreesAsync(new GoalTrees(alsoGoalId is { } also ? [id, also] : [id]), ct);
        var query = db.Goals.Include(g => g.OwnerUnit).Include(g => g.Period).AsQueryable();
        var goal = await (include?.Invoke(query) ?? query).AsSplitQuery().FirstOrDefaultAsync(g => g.Id == id, ct)
            ?? throw new NotFoundException("Goal", id);
        access.EnsureCanChangeOwned(goal.OwnerUnit!.Path, goal.OwnerId, "Goal", id);
        goal.Period!.EnsureWritable();
        if (!allowArchived)
        {
            goal.EnsureEditable();
        }

        goal.EnsureVersion(expectedVersion);
        return goal;
    }

    /// <summary>A person who may own a goal or key result in this unit: active, with a role of Leader or more over it.</summary>
    public static async Task EnsureCanOwnAsync(this IVisionTrackerDbContext db, Guid personId, string unitPath, CancellationToken ct)
    {
        var paths = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.PersonId == personId && r.Role >= Domain.Organisation.Role.Leader && r.Person!.IsActive)
            .Select(r => r.OrgUnit!.Path)
            .ToListAsync(ct);
        if (!paths.Any(p => unitPath.StartsWith(p, StringComparison.Ordinal)))
        {
            throw new Domain.Common.DomainRuleException(nameof(Domain.Common.ErrorTexts.OwnerMustLead));
        }
    }
}
