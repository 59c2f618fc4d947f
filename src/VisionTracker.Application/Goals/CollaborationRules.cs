using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Goals;

internal static class CollaborationRules
{
    /// <summary>
    /// The partner of a goal's or an action's collaboration: any existing unit (the org chart is open, and crossing
    /// departments is the point), or another goal the caller may read.
    /// </summary>
    public static async Task EnsurePartnersAsync(
        this IVisionTrackerDbContext db, AccessPolicy access, Collaboration collaboration, Guid ownGoalId, CancellationToken ct)
    {
        collaboration.EnsureShape();
        if (collaboration.PartnerUnitId is { } unitId && !await db.OrgUnits.AnyAsync(u => u.Id == unitId, ct))
        {
            throw new NotFoundException("OrgUnit", unitId);
        }

        if (collaboration.PartnerGoalId is { } goalId)
        {
            if (goalId == ownGoalId)
            {
                throw new DomainRuleException("A dependency names another goal, not the goal itself.");
            }

            var path = await db.Goals.AsNoTracking().Where(g => g.Id == goalId).Select(g => g.OwnerUnit!.Path).FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException("Goal", goalId);
            access.EnsureCanRead(path, "Goal", goalId);
        }
    }
}
