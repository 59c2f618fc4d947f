using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.CheckIns;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Goals;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.Actions;

/// <summary>An action with its collaborations and its check-in history, newest first.</summary>
public sealed record GetActionQuery(Guid Id) : IQuery<ActionDetailDto>;

public sealed class GetActionHandler(IVisionTrackerDbContext db, AccessPolicy access, FigureReader figures) : IQueryHandler<GetActionQuery, ActionDetailDto>
{
    private const int CheckInHistory = 200;

    public async ValueTask<ActionDetailDto> Handle(GetActionQuery query, CancellationToken cancellationToken)
    {
        var action = await db.Actions.AsNoTracking()
            .Include(a => a.OrgUnit)
            .Include(a => a.Owner)
            .Include(a => a.Goal!).ThenInclude(g => g.Period)
            .Include(a => a.KeyResult)
            .Include(a => a.Collaborations).ThenInclude(c => c.PartnerUnit)
            .Include(a => a.Collaborations).ThenInclude(c => c.PartnerGoal!).ThenInclude(g => g.OwnerUnit)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("Action", query.Id);
        access.EnsureCanRead(action.OrgUnit!.Path, "Action", query.Id);

        var checkIns = await db.CheckIns.AsNoTracking()
            .Where(c => c.ActionId == action.Id)
            .NewestFirst()
            .Take(CheckInHistory)
            .ProjectToDto()
            .ToListAsync(cancellationToken);
        return ActionMapper.ToDetail(action, checkIns.AsSeenBy(access, action.OrgUnit.Path, [action.OwnerId]), figures) with { Collaborations = action.Collaborations.VisibleTo(access) };
    }
}
