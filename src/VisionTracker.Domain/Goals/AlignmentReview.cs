using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Domain.Goals;

/// <summary>
/// One decision on a goal's alignment to a theme, kept for good: the alignment itself only shows the latest review,
/// this is the history of who decided what, when and why, and which rationale they were judging.
/// </summary>
public sealed class AlignmentReview : Entity
{
    public Guid GoalId { get; init; }
    public Guid ThemeId { get; init; }
    public Guid ReviewerId { get; init; }
    public Person? Reviewer { get; init; }
    public DateTime At { get; init; }
    public AlignmentReviewState Decision { get; init; }
    public string? Comment { get; init; }
    public required string Rationale { get; init; }
}
