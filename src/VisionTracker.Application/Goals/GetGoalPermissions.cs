using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.CheckIns;
using VisionTracker.Application.Common;
using VisionTracker.Application.KeyResults;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Goals;

/// <summary>
/// What the caller may do with a goal, so a page offers only those forms. The commands decide again when sent; this
/// asks the same <see cref="AccessPolicy"/> rules ahead of time.
/// </summary>
/// <param name="CanArchive">May archive the goal, or restore it when archived.</param>
/// <param name="KeyResultsToEdit">Key results the caller may edit (their own, or all for the goal's owner and department heads).</param>
public sealed record GoalPermissionsDto(
    bool CanEdit, bool CanAddActions, bool CanReview, bool CanCheckIn, IReadOnlyList<Guid> KeyResultsToCheckIn, bool PeriodIsActive,
    IReadOnlyList<Guid> ActionsToCheckIn, bool CanArchive, IReadOnlyList<Guid> KeyResultsToEdit);

public sealed record GetGoalPermissionsQuery(Guid GoalId) : IQuery<GoalPermissionsDto>;

public sealed class GetGoalPermissionsHandler(IVisionTrackerDbContext db, AccessPolicy access) : IQueryHandler<GetGoalPermissionsQuery, GoalPermissionsDto>
{
    public async ValueTask<GoalPermissionsDto> Handle(GetGoalPermissionsQuery query, CancellationToken cancellationToken)
    {
        var goal = await db.Goals.AsNoTracking().Where(g => g.Id == query.GoalId)
            .Select(g => new { g.Id, g.OwnerId, g.OwnerUnit!.Path, PeriodState = g.Period!.State, g.IsArchived, KeyResults = g.KeyResults.Select(k => new { k.Id, k.OwnerId }).ToList() })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Goal", query.GoalId);
        access.EnsureCanRead(goal.Path, "Goal", goal.Id);

        var role = access.RoleAt(goal.Path);
        var writable = goal.PeriodState != PeriodState.Closed && !goal.IsArchived;
        var checkIns = goal.PeriodState == PeriodState.Active && !goal.IsArchived;
        var actions = checkIns
            ? await db.Actions.AsNoTracking().Where(a => a.GoalId == goal.Id).Select(a => new { a.Id, a.OwnerId, Path = a.OrgUnit!.Path }).ToListAsync(cancellationToken)
            : [];
        var toCheckIn = checkIns
            ? goal.KeyResults.Where(k => access.CanCheckIn(goal.Path, [k.OwnerId, goal.OwnerId])).Select(k => k.Id).ToList()
            : [];
        return new GoalPermissionsDto(
            CanEdit: writable && access.CanChangeOwned(goal.Path, goal.OwnerId),
            CanAddActions: writable && role >= Role.Leader,
            CanReview: writable && role >= Role.DepartmentHead && access.PersonId != goal.OwnerId,
            CanCheckIn: toCheckIn.Count > 0,
            KeyResultsToCheckIn: toCheckIn,
            PeriodIsActive: goal.PeriodState == PeriodState.Active,
            ActionsToCheckIn: [.. actions.Where(a => access.CanCheckIn(a.Path, [a.OwnerId])).Select(a => a.Id)],
            CanArchive: goal.PeriodState != PeriodState.Closed && access.CanChangeOwned(goal.Path, goal.OwnerId),
            KeyResultsToEdit: writable ? [.. goal.KeyResults.Where(k => access.CanChangeKeyResult(goal.Path, goal.OwnerId, k.OwnerId)).Select(k => k.Id)] : []);
    }
}
