using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Goals;

/// <summary>The goal or action a collaboration belongs to.</summary>
public sealed record CollaborationSource(Guid GoalId, Guid? ActionId, string Title, string Path, Guid OwnerId, Period Period);

/// <summary>The side a collaboration names: a unit, or a goal (then <see cref="OwnerId"/> is that goal's owner).</summary>
public sealed record CollaborationPartner(string Path, string Name, Guid? OwnerId);

/// <summary>The two sides of a collaboration, and the one rule for who answers for the partner side.</summary>
public static class IncomingCollaborations
{
    public static bool MayAnswer(AccessPolicy access, CollaborationPartner partner) =>
        partner.OwnerId is { } owner ? access.CanChangeOwned(partner.Path, owner) : access.RoleAt(partner.Path) >= Role.Leader;

    public static async Task<CollaborationSource> SourceAsync(IVisionTrackerDbContext db, Collaboration c, CancellationToken ct)
    {
        if (c.GoalId is { } goalId)
        {
            var goal = await db.Goals.AsNoTracking().Include(g => g.OwnerUnit).Include(g => g.Period).FirstAsync(g => g.Id == goalId, ct);
            return new CollaborationSource(goal.Id, null, goal.Title, goal.OwnerUnit!.Path, goal.OwnerId, goal.Period!);
        }

        var action = await db.Actions.AsNoTracking().Include(a => a.OrgUnit).Include(a => a.Goal!).ThenInclude(g => g.Period)
            .FirstAsync(a => a.Id == c.ActionId, ct);
        return new CollaborationSource(action.GoalId, action.Id, action.Title, action.OrgUnit!.Path, action.OwnerId, action.Goal!.Period!);
    }

    public static async Task<CollaborationPartner?> PartnerAsync(IVisionTrackerDbContext db, Collaboration c, CancellationToken ct)
    {
        if (c.PartnerUnitId is { } unitId)
        {
            return await db.OrgUnits.AsNoTracking().Where(u => u.Id == unitId)
                .Select(u => new CollaborationPartner(u.Path, u.Name, null)).FirstOrDefaultAsync(ct);
        }

        return c.PartnerGoalId is { } goalId
            ? await db.Goals.AsNoTracking().Where(g => g.Id == goalId)
                .Select(g => new CollaborationPartner(g.OwnerUnit!.Path, g.Title, g.OwnerId)).FirstOrDefaultAsync(ct)
            : null;
    }
}
