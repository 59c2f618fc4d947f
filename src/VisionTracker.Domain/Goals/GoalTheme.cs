using VisionTracker.Domain.Common;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Domain.Goals;

public enum AlignmentReviewState
{
    Proposed,
    Accepted,
    ChangesRequested,
    Rejected,
}

/// <summary>A goal's alignment to a theme of the vision, with the owner's rationale and a department head's review.</summary>
public sealed class GoalTheme
{
    public Guid GoalId { get; set; }
    public Goal? Goal { get; set; }
    public Guid ThemeId { get; set; }
    public Theme? Theme { get; set; }
    public required string Rationale { get; set; }
    public AlignmentReviewState ReviewState { get; private set; } = AlignmentReviewState.Proposed;
    public string? ReviewComment { get; private set; }
    public Guid? ReviewedById { get; private set; }
    public DateTime? ReviewedAt { get; private set; }

    /// <summary>When the alignment was last put forward for review (stamped on save): what counts as new in a digest.</summary>
    public DateTime ProposedAt { get; set; }

    /// <summary>Rejected alignments do not count: the goal does not serve that theme.</summary>
    public bool Counts => FigureRules.AlignmentCountsCompiled(ReviewState);

    public void Review(AlignmentReviewState decision, string? comment, Guid reviewerId, DateTime at)
    {
        if (decision == AlignmentReviewState.Proposed)
        {
            throw new DomainRuleException(nameof(ErrorTexts.ReviewDecisionInvalid));
        }

        if (ReviewState == AlignmentReviewState.Rejected)
        {
            throw new DomainRuleException(nameof(ErrorTexts.AlignmentRejectedNeedsRevision));
        }

        if (decision != AlignmentReviewState.Accepted && string.IsNullOrWhiteSpace(comment))
        {
            throw new DomainRuleException(nameof(ErrorTexts.ReviewNeedsComment), decision);
        }

        ReviewState = decision;
        ReviewComment = comment;
        ReviewedById = reviewerId;
        ReviewedAt = at;
    }

    public void Revise(string rationale)
    {
        Rationale = rationale;
        ReviewState = AlignmentReviewState.Proposed;
        ReviewComment = null;
        ReviewedById = null;
        ReviewedAt = null;
    }
}
