using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Goals;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Common;

namespace VisionTracker.Application.Actions;

internal static class ActionLoading
{
    /// <summary>
    /// Loads an action (with its unit, goal and period) for a change by its owner or a department head over its unit:
    /// 404 outside the caller's scope, 403 without the right, 409 in a closed period or under an archived goal,
    /// 412 on a stale If-Match. Its goal tree (and that of <paramref name="alsoGoalId"/>, a goal the command will also
    /// touch) is locked first.
    /// </summary>
    public static async Task<LeaderAction> LoadActionForChangeAsync(
        this IVisionTrackerDbContext db,
        AccessPolicy access,
        Guid id,
        int? expectedVersion,
        CancellationToken ct,
        bool withCollaborations = false,
        Guid? alsoGoalId = null)
    {
        await db.LockGoalTreesAsync(new GoalTrees(alsoGoalId is { } goal ? [goal] : null, Actions: [id]), ct);
        var query = db.Actions.Include(a => a.OrgUnit).Include(a => a.Goal!).ThenInclude(g => g.Period).AsQueryable();
        if (withCollaborations)
        {
            query = query.Include(a => a.Collaborations);
        }

        var action = await query.AsSplitQuery().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("Action", id);
        access.EnsureCanChangeOwned(action.OrgUnit!.Path, action.OwnerId, "Action", id);
        action.Goal!.Period!.EnsureWritable();
        action.Goal.EnsureEditable();
        action.EnsureVersion(expectedVersion);
        return action;
    }

    /// <summary>
    /// Someone the caller may hand an action to: a person whose home unit the caller can see (else 404), who can own
    /// work in the action's unit (else 409).
    /// </summary>
    public static async Task EnsureAssignableAsync(this IVisionTrackerDbContext db, AccessPolicy access, Guid personId, string unitPath, CancellationToken ct)
    {
        var home = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.HomeUnit!.Path).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Person", personId);
        access.EnsureCanRead(home, "Person", personId);
        await db.EnsureCanOwnAsync(personId, unitPath, ct);
    }

    /// <summary>A key result an action may hang under: one of the goal's own.</summary>
    public static async Task EnsureKeyResultOfGoalAsync(this IVisionTrackerDbContext db, Guid keyResultId, Guid goalId, CancellationToken ct)
    {
        var owner = await db.KeyResults.AsNoTracking().Where(k => k.Id == keyResultId).Select(k => (Guid?)k.GoalId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("KeyResult", keyResultId);
        if (owner != goalId)
        {
            throw new DomainRuleException(nameof(ErrorTexts.ActionKeyResultOtherGoal));
        }
    }
}
