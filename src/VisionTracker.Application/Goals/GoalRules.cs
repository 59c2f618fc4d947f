using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Goals;

internal static class GoalRules
{
    public static bool ValidTags(IReadOnlyList<string>? tags) =>
        tags is null || (tags.Count <= 20 && tags.All(t => !string.IsNullOrWhiteSpace(t) && t.Trim().Length <= 40));

    public static List<string> NormaliseTags(IEnumerable<string>? tags) =>
        tags?.Select(t => t.Trim().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList() ?? [];

    /// <summary>
    /// Goals cascade down the tree: a parent goal belongs to the child's own unit or one above it, is readable by the
    /// caller, lies in the same period, and is not the goal itself or one of its descendants.
    /// </summary>
    public static async Task EnsureValidParentAsync(
        IVisionTrackerDbContext db, AccessPolicy access, Guid parentId, Guid periodId, Guid? childId, string childUnitPath, CancellationToken ct)
    {
        var parent = await db.Goals.AsNoTracking()
            .Where(g => g.Id == parentId)
            .Select(g => new { g.PeriodId, g.OwnerUnit!.Path })
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Goal", parentId);
        access.EnsureCanRead(parent.Path, "Goal", parentId);
        if (!OrgUnit.SelfAndAncestorPaths(childUnitPath).Contains(parent.Path))
        {
            throw new DomainRuleException(nameof(ErrorTexts.ParentGoalOutsideUnit));
        }

        if (parent.PeriodId != periodId)
        {
            throw new DomainRuleException(nameof(ErrorTexts.ParentGoalOtherPeriod));
        }

        if (childId is { } id && (await SelfAndSubGoalsAsync(db, periodId, id, ct)).Contains(parentId))
        {
            throw new DomainRuleException(nameof(ErrorTexts.ParentGoalCycle));
        }
    }

    /// <summary>The goal and every goal below it (its sub-goals, theirs, and so on) in its period.</summary>
    public static async Task<HashSet<Guid>> SelfAndSubGoalsAsync(IVisionTrackerDbContext db, Guid periodId, Guid goalId, CancellationToken ct)
    {
        var children = (await db.Goals.AsNoTracking().Where(g => g.PeriodId == periodId && g.ParentGoalId != null)
                .Select(g => new { g.Id, g.ParentGoalId }).ToListAsync(ct))
            .ToLookup(g => g.ParentGoalId!.Value, g => g.Id);
        var found = new HashSet<Guid> { goalId };
        var queue = new Queue<Guid>([goalId]);
        while (queue.TryDequeue(out var at))
        {
            foreach (var child in children[at].Where(found.Add))
            {
                queue.Enqueue(child);
            }
        }

        return found;
    }
}
