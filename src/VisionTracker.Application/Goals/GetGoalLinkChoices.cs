using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Goals;

/// <summary>
/// The goals a page may offer when linking this goal: parents it may be placed under (by the rule SetGoalParent checks:
/// same period, the goal's own unit or one above it, readable, not the goal or one of its sub-goals) and partners for
/// a dependency (any other goal of the period the caller may read). Archived goals are left out; each list holds at
/// most <see cref="GetGoalLinkChoicesHandler.Limit"/> goals, by unit and title.
/// </summary>
public sealed record GetGoalLinkChoicesQuery(Guid GoalId) : IQuery<GoalLinkChoicesDto>;

public sealed record GoalChoiceDto(Guid Id, string Title, string UnitName);

public sealed record GoalLinkChoicesDto(IReadOnlyList<GoalChoiceDto> Parents, IReadOnlyList<GoalChoiceDto> Partners);

public sealed class GetGoalLinkChoicesHandler(IVisionTrackerDbContext db, AccessPolicy access) : IQueryHandler<GetGoalLinkChoicesQuery, GoalLinkChoicesDto>
{
    public const int Limit = 500;

    public async ValueTask<GoalLinkChoicesDto> Handle(GetGoalLinkChoicesQuery query, CancellationToken cancellationToken)
    {
        var goal = await db.Goals.AsNoTracking().Where(g => g.Id == query.GoalId)
            .Select(g => new { g.Id, g.PeriodId, g.OwnerUnit!.Path })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Goal", query.GoalId);
        access.EnsureCanRead(goal.Path, "Goal", goal.Id);

        var others = access.Scope(db.Goals.AsNoTracking(), g => g.OwnerUnit!.Path)
            .Where(g => g.PeriodId == goal.PeriodId && g.Id != goal.Id && !g.IsArchived)
            .OrderBy(g => g.OwnerUnit!.Name).ThenBy(g => g.Title);
        var partners = await others.Take(Limit).Select(g => new GoalChoiceDto(g.Id, g.Title, g.OwnerUnit!.Name)).ToListAsync(cancellationToken);

        var above = OrgUnit.SelfAndAncestorPaths(goal.Path);
        var below = await GoalRules.SelfAndSubGoalsAsync(db, goal.PeriodId, goal.Id, cancellationToken);
        var parents = await others.Where(g => above.Contains(g.OwnerUnit!.Path))
            .Select(g => new GoalChoiceDto(g.Id, g.Title, g.OwnerUnit!.Name))
            .ToListAsync(cancellationToken);
        return new GoalLinkChoicesDto([.. parents.Where(p => !below.Contains(p.Id)).Take(Limit)], partners);
    }
}
