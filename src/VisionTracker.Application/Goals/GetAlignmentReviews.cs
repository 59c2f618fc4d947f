using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Goals;

public sealed record AlignmentReviewDto
{
    public Guid Id { get; init; }
    public Guid GoalId { get; init; }
    public Guid ThemeId { get; init; }
    public required string ThemeTitle { get; init; }
    public DateTime At { get; init; }
    public Guid ReviewerId { get; init; }
    public required string ReviewerName { get; init; }
    public AlignmentReviewState Decision { get; init; }
    public string? Comment { get; init; }

    /// <summary>The rationale the reviewer judged (the owner may have revised it since).</summary>
    public required string Rationale { get; init; }
}

/// <summary>Every review of a goal's alignments (to one theme, or all), newest first, for anyone who may read the goal.</summary>
public sealed record GetAlignmentReviewsQuery(Guid GoalId, Guid? ThemeId) : IQuery<IReadOnlyList<AlignmentReviewDto>>;

public sealed class GetAlignmentReviewsHandler(IVisionTrackerDbContext db, AccessPolicy access)
    : IQueryHandler<GetAlignmentReviewsQuery, IReadOnlyList<AlignmentReviewDto>>
{
    public async ValueTask<IReadOnlyList<AlignmentReviewDto>> Handle(GetAlignmentReviewsQuery query, CancellationToken cancellationToken)
    {
        var goal = await db.Goals.AsNoTracking().Where(g => g.Id == query.GoalId)
            .Select(g => new { g.Id, g.OwnerUnit!.Path })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Goal", query.GoalId);
        access.EnsureCanRead(goal.Path, "Goal", goal.Id);

        var reviews = await db.AlignmentReviews.AsNoTracking()
            .Where(r => r.GoalId == goal.Id && (query.ThemeId == null || r.ThemeId == query.ThemeId))
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
            .Select(r => new AlignmentReviewDto
            {
                Id = r.Id,
                GoalId = r.GoalId,
                ThemeId = r.ThemeId,
                ThemeTitle = db.Themes.Where(t => t.Id == r.ThemeId).Select(t => t.Title).First(),
                At = r.At,
                ReviewerId = r.ReviewerId,
                ReviewerName = r.Reviewer!.Name,
                Decision = r.Decision,
                Comment = r.Comment,
                Rationale = r.Rationale,
            })
            .ToListAsync(cancellationToken);

        if (query.ThemeId is { } themeId && reviews.Count == 0
            && !await db.GoalThemes.AnyAsync(a => a.GoalId == goal.Id && a.ThemeId == themeId, cancellationToken))
        {
            throw new NotFoundException("Alignment", themeId);
        }

        return reviews;
    }
}
