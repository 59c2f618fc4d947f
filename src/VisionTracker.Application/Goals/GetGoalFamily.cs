using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.Goals;

public sealed record GoalLinkDto(Guid Id, string Title, string OwnerUnitName, double? Progress);

/// <summary>A goal's parent and sub-goals (those the caller may read), named: the cascade a goal page shows.</summary>
public sealed record GoalFamilyDto(GoalLinkDto? Parent, IReadOnlyList<GoalLinkDto> Children);

public sealed record GetGoalFamilyQuery(Guid GoalId) : IQuery<GoalFamilyDto>;

public sealed class GetGoalFamilyHandler(IVisionTrackerDbContext db, AccessPolicy access) : IQueryHandler<GetGoalFamilyQuery, GoalFamilyDto>
{
    public async ValueTask<GoalFamilyDto> Handle(GetGoalFamilyQuery query, CancellationToken cancellationToken)
    {
        var goal = await db.Goals.AsNoTracking().Where(g => g.Id == query.GoalId).Select(g => new { g.OwnerUnit!.Path, g.ParentGoalId })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Goal", query.GoalId);
        access.EnsureCanRead(goal.Path, "Goal", query.GoalId);
        var related = await access.Scope(db.Goals.AsNoTracking(), g => g.OwnerUnit!.Path)
            .Where(g => g.Id == goal.ParentGoalId || g.ParentGoalId == query.GoalId)
            .OrderBy(g => g.Title)
            .Select(g => new { Link = new GoalLinkDto(g.Id, g.Title, g.OwnerUnit!.Name, g.Progress), g.IsArchived })
            .ToListAsync(cancellationToken);
        return new GoalFamilyDto(
            related.FirstOrDefault(r => r.Link.Id == goal.ParentGoalId)?.Link,
            [.. related.Where(r => r.Link.Id != goal.ParentGoalId && !r.IsArchived).Select(r => r.Link)]);
    }
}
