using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Notifications;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Notifications;

/// <summary>
/// The digest's list of alignments waiting for the recipient's review: Proposed alignments of live goals in the
/// subtrees they head, never their own goals (those go to the next head up). "New" is what was put forward since
/// the recipient's previous digest; with no previous digest, nothing is called new.
/// </summary>
public sealed class DigestAlignmentReviews(IVisionTrackerDbContext db, IPageLinks links)
{
    public async Task WriteAsync(MessageBuilder body, Recipient to, IReadOnlyList<string> unitPaths, DateTime? previous, int limit, CancellationToken ct)
    {
        var pending = new List<(Guid GoalId, string Goal, string Theme, string Owner, DateTime ProposedAt)>();
        foreach (var path in unitPaths)
        {
            var found = await db.GoalThemes.AsNoTracking()
                .Where(a => a.ReviewState == AlignmentReviewState.Proposed && a.Goal!.OwnerId != to.Id && !a.Goal.IsArchived)
                .Where(a => a.Goal!.Period!.State != PeriodState.Closed && a.Goal.State != GoalState.Abandoned)
                .Where(a => a.Goal!.OwnerUnit!.Path.StartsWith(path))
                .Select(a => new { a.GoalId, Goal = a.Goal!.Title, Theme = a.Theme!.Title, Owner = a.Goal.Owner!.Name, a.ProposedAt })
                .ToListAsync(ct);
            pending.AddRange(found.Select(a => (a.GoalId, a.Goal, a.Theme, a.Owner, a.ProposedAt)));
        }

        var t = to.Texts;
        var a = Texts.For(to.Culture);
        var ordered = pending.DistinctBy(p => (p.GoalId, p.Theme))
            .OrderByDescending(p => p.ProposedAt).ThenBy(p => p.Goal, StringComparer.Ordinal).ToList();
        var fresh = ordered.Count(p => previous is { } since && p.ProposedAt > since);
        body.Heading(t.Format(a.Heading, ordered.Count, fresh));
        if (ordered.Count == 0)
        {
            body.Paragraph(t.DigestNone);
            return;
        }

        foreach (var p in ordered.Take(limit))
        {
            var isNew = previous is { } since && p.ProposedAt > since;
            body.Item(t.Format(isNew ? a.NewItem : a.Item, p.Goal, p.Theme, p.Owner, t.Date(DateOnly.FromDateTime(p.ProposedAt))), links.Goal(p.GoalId));
        }

        if (ordered.Count > limit)
        {
            body.Paragraph(t.Format(t.DigestMore, ordered.Count - limit));
        }
    }

    private sealed record Texts(string Heading, string Item, string NewItem)
    {
        private static readonly Texts Danish = new(
            "Tilknytninger til temaer, der venter på din vurdering ({0}, heraf {1} nye siden sidste overblik)",
            "{0} → {1} (ejer: {2}, foreslået {3})",
            "NY: {0} → {1} (ejer: {2}, foreslået {3})");

        private static readonly Texts English = new(
            "Theme alignments waiting for your review ({0}, {1} new since the last digest)",
            "{0} → {1} (owner: {2}, proposed {3})",
            "NEW: {0} → {1} (owner: {2}, proposed {3})");

        public static Texts For(string? culture) => string.Equals(culture, "en", StringComparison.OrdinalIgnoreCase) ? English : Danish;
    }
}
