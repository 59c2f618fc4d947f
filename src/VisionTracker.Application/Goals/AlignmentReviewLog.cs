using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Notifications;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Notifications;

namespace VisionTracker.Application.Goals;

/// <summary>
/// The memory of alignment reviews: who may review (never the goal's own owner: the review goes to a department
/// head above, or an administrator), the kept record of each decision, and the owner's message about it, all
/// written in the review's unit of work.
/// </summary>
public sealed class AlignmentReviewLog(IVisionTrackerDbContext db, AccessPolicy access, ReminderContext messages)
{
    public void EnsureNotOwnGoal(Goal goal)
    {
        if (goal.OwnerId == access.PersonId)
        {
            throw new ForbiddenException(nameof(ErrorTexts.ForbiddenReviewOwnGoal));
        }
    }

    public async Task RecordAsync(Goal goal, GoalTheme alignment, CancellationToken ct)
    {
        var review = new AlignmentReview
        {
            GoalId = goal.Id,
            ThemeId = alignment.ThemeId,
            ReviewerId = access.PersonId,
            At = alignment.ReviewedAt ?? messages.Now,
            Decision = alignment.ReviewState,
            Comment = alignment.ReviewComment,
            Rationale = alignment.Rationale,
        };
        db.AlignmentReviews.Add(review);

        var recipients = await messages.ActiveRecipientsAsync([goal.OwnerId], ct);
        if (!recipients.TryGetValue(goal.OwnerId, out var to))
        {
            return;
        }

        var theme = await db.Themes.AsNoTracking().Where(t => t.Id == alignment.ThemeId).Select(t => t.Title).FirstAsync(ct);
        var reviewer = await db.People.AsNoTracking().Where(p => p.Id == review.ReviewerId).Select(p => p.Name).FirstAsync(ct);
        var t = to.Texts;
        var a = AlignmentReviewTexts.For(to.Culture);
        var decision = a.Decisions[review.Decision];
        var body = new MessageBuilder()
            .Paragraph(t.Format(t.Greeting, to.Name))
            .Paragraph(t.Format(a.Body, reviewer, goal.Title, theme, decision, t.Date(DateOnly.FromDateTime(review.At))));
        if (!string.IsNullOrWhiteSpace(review.Comment))
        {
            body.Paragraph(t.Format(a.Comment, review.Comment));
        }

        body.Item(goal.Title, messages.Links.Goal(goal.Id)).Paragraph(a.Outros[review.Decision]);
        messages.Add(to, NotificationKind.AlignmentReviewed, $"alignment-review:{review.Id}", t.Format(a.Subject, goal.Title, theme, decision), body);
    }
}

/// <summary>What the owner's message about a review says, in Danish and English.</summary>
public sealed class AlignmentReviewTexts
{
    private static readonly AlignmentReviewTexts Danish = new()
    {
        Subject = "Tilknytningen af \"{0}\" til \"{1}\": {2}",
        Body = "{0} har vurderet tilknytningen af dit mål \"{1}\" til temaet \"{2}\": {3} ({4}).",
        Comment = "Kommentar: {0}",
        Decisions = new Dictionary<AlignmentReviewState, string>
        {
            [AlignmentReviewState.Proposed] = "foreslået",
            [AlignmentReviewState.Accepted] = "godkendt",
            [AlignmentReviewState.ChangesRequested] = "ændringer ønsket",
            [AlignmentReviewState.Rejected] = "afvist",
        },
        Outros = new Dictionary<AlignmentReviewState, string>
        {
            [AlignmentReviewState.Proposed] = "",
            [AlignmentReviewState.Accepted] = "Målet tæller nu med under temaet.",
            [AlignmentReviewState.ChangesRequested] = "Ret begrundelsen for tilknytningen, så bliver den vurderet igen.",
            [AlignmentReviewState.Rejected] = "Målet tæller ikke med under temaet. Skriv en ny begrundelse, hvis du vil foreslå tilknytningen igen.",
        },
    };

    private static readonly AlignmentReviewTexts English = new()
    {
        Subject = "Alignment of \"{0}\" to \"{1}\": {2}",
        Body = "{0} reviewed the alignment of your goal \"{1}\" to the theme \"{2}\": {3} ({4}).",
        Comment = "Comment: {0}",
        Decisions = new Dictionary<AlignmentReviewState, string>
        {
            [AlignmentReviewState.Proposed] = "proposed",
            [AlignmentReviewState.Accepted] = "accepted",
            [AlignmentReviewState.ChangesRequested] = "changes requested",
            [AlignmentReviewState.Rejected] = "rejected",
        },
        Outros = new Dictionary<AlignmentReviewState, string>
        {
            [AlignmentReviewState.Proposed] = "",
            [AlignmentReviewState.Accepted] = "The goal now counts under the theme.",
            [AlignmentReviewState.ChangesRequested] = "Revise the alignment's rationale and it will be reviewed again.",
            [AlignmentReviewState.Rejected] = "The goal does not count under the theme. Write a new rationale if you want to propose the alignment again.",
        },
    };

    public required string Subject { get; init; }
    public required string Body { get; init; }
    public required string Comment { get; init; }
    public required IReadOnlyDictionary<AlignmentReviewState, string> Decisions { get; init; }
    public required IReadOnlyDictionary<AlignmentReviewState, string> Outros { get; init; }

    public static AlignmentReviewTexts For(string? culture) =>
        string.Equals(culture, "en", StringComparison.OrdinalIgnoreCase) ? English : Danish;
}
