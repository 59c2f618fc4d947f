using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Goals;

internal static class CollaborationRules
{
    public const int MaxPerOwner = 50;

    /// <summary>
    /// The partner of a goal's or an action's collaboration: any existing unit (the org chart is open, and crossing
    /// departments is the point), or another goal the caller may read.
    /// </summary>
    public static async Task EnsurePartnersAsync(
        this IVisionTrackerDbContext db, AccessPolicy access, Collaboration collaboration, Guid ownGoalId, CancellationToken ct)
    {
        var existing = await db.Collaborations.CountAsync(c => c.GoalId == collaboration.GoalId && c.ActionId == collaboration.ActionId, ct);
        if (existing >= MaxPerOwner)
        {
            throw new DomainRuleException(nameof(ErrorTexts.CollaborationsTooMany), MaxPerOwner);
        }

        if (collaboration.PartnerUnitId is { } unitId && !await db.OrgUnits.AnyAsync(u => u.Id == unitId, ct))
        {
            throw new NotFoundException("OrgUnit", unitId);
        }

        if (collaboration.PartnerGoalId is { } goalId)
        {
            if (goalId == ownGoalId)
            {
                throw new DomainRuleException(nameof(ErrorTexts.CollaborationSelfDependency));
            }

            var path = await db.Goals.AsNoTracking().Where(g => g.Id == goalId).Select(g => g.OwnerUnit!.Path).FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException("Goal", goalId);
            access.EnsureCanRead(path, "Goal", goalId);
        }
    }

    /// <summary>A collaboration as the caller may see it: a partner goal outside their scope shows no title.</summary>
    public static IReadOnlyList<CollaborationDto> VisibleTo(this IEnumerable<Collaboration> collaborations, AccessPolicy access) =>
        collaborations.OrderBy(c => c.CreatedAt)
            .Select(c => c.PartnerGoal?.OwnerUnit is { } unit && !access.CanRead(unit.Path) ? c.ToDto() with { PartnerGoalTitle = null } : c.ToDto())
            .ToList();
}
