using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Notifications;

namespace VisionTracker.Application.Notifications;

/// <summary>
/// A weekly digest for every active department head over each subtree they head: progress and its change since about
/// a week ago, stale key results, who has not checked in, orphan goals, boundary-crossing collaborations new since the reader's previous digest, collaborations from elsewhere awaiting the
/// subtree's answer, and the alignments awaiting their review.
/// Key: <c>digest:{personId}:{isoWeek}</c>.
/// </summary>
public sealed record SendWeeklyDigestCommand : ICommand<int>;

public sealed class SendWeeklyDigestHandler(
    IVisionTrackerDbContext db, ReminderContext context, DigestReader reader, FigureReader figures, IOptions<NotificationOptions> options,
    DigestAlignmentReviews alignments)
    : ICommandHandler<SendWeeklyDigestCommand, int>
{
    public async ValueTask<int> Handle(SendWeeklyDigestCommand command, CancellationToken cancellationToken)
    {
        var heads = await context.DepartmentHeadsAsync(cancellationToken);
        var keys = heads.Select(h => h.PersonId).Distinct().ToDictionary(id => id, id => $"digest:{id}:{context.IsoWeek}");
        var fresh = await context.NewKeysAsync(keys.Values, cancellationToken);
        var recipients = await context.ActiveRecipientsAsync(keys.Keys.Where(id => fresh.Contains(keys[id])), cancellationToken);
        var unitNames = await db.OrgUnits.AsNoTracking()
            .Where(u => heads.Select(h => h.UnitId).Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var cache = new Dictionary<(Guid, DateTime?), DigestData>();

        foreach (var to in recipients.Values.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            // A head of a unit and of one inside it reads the outer subtree once.
            var own = heads.Where(h => h.PersonId == to.Id).DistinctBy(h => h.UnitId).ToList();
            var roots = own.Where(h => !own.Any(o => o.UnitId != h.UnitId && h.UnitPath.StartsWith(o.UnitPath, StringComparison.Ordinal)))
                .OrderBy(h => h.UnitPath, StringComparer.Ordinal)
                .ToList();
            var previous = await DigestReader.PreviousDigestAsync(db, to.Id, cancellationToken);
            var t = to.Texts;
            var body = new MessageBuilder().Paragraph(t.Format(t.Greeting, to.Name));
            foreach (var root in roots)
            {
                if (!cache.TryGetValue((root.UnitId, previous), out var data))
                {
                    data = await reader.ReadAsync(root.UnitId, root.UnitPath, unitNames[root.UnitId], context.Today, previous, cancellationToken);
                    cache[(root.UnitId, previous)] = data;
                }

                Write(body, t, data);
            }

            await alignments.WriteAsync(body, to, roots.Select(r => r.UnitPath).ToList(), previous, options.Value.DigestListLimit, cancellationToken);

            var subject = t.Format(t.DigestSubject, string.Join(", ", roots.Select(r => unitNames[r.UnitId])), context.IsoWeek[^2..].TrimStart('0'));
            context.Add(to, NotificationKind.WeeklyDigest, keys[to.Id], subject, body);
        }

        return recipients.Count;
    }

    private void Write(MessageBuilder body, NotificationTexts t, DigestData data)
    {
        var limit = options.Value.DigestListLimit;
        body.Heading(data.UnitName).Paragraph(t.Format(t.DigestIntro, data.UnitName));
        if (data.Periods.Count == 0)
        {
            body.Paragraph(t.DigestNoPeriods);
        }

        foreach (var p in data.Periods)
        {
            var status = t.Statuses[p.Figure?.Status ?? ProgressStatus.NoData];
            body.Paragraph(t.Format(t.DigestPeriod, p.Name, t.Percent(p.Figure?.Progress), t.Percent(p.Figure?.ExpectedProgress), status, p.GoalCount));
            body.Paragraph(p.EarlierDate is { } date && p.EarlierProgress is { } before && p.Figure?.Progress is { } now
                ? t.Format(t.DigestChange, t.Date(date), ((now - before) * 100).ToString("+0;-0;0", t.Culture))
                : t.DigestNoEarlier);
        }

        body.Heading(t.Format(t.DigestStaleHeading, figures.StaleAfterDays, data.StaleKeyResults.Count));
        List(body, t, data.StaleKeyResults, limit, k => (t.Format(t.DigestStaleItem, k.Title, k.GoalTitle, k.OwnerName, t.Date(k.LastCheckInAt)), context.Links.KeyResult(k.GoalId, k.Id)));
        body.Heading(t.Format(t.DigestSilentHeading, figures.StaleAfterDays, data.SilentPeople.Count));
        List(body, t, data.SilentPeople, limit, name => (name, null));
        body.Heading(t.Format(t.DigestOrphanHeading, data.OrphanGoals.Count));
        List(body, t, data.OrphanGoals, limit, g => (t.Format(t.DigestOrphanItem, g.Title, g.OwnerName), context.Links.Goal(g.Id)));
        body.Heading(t.Format(t.DigestCollaborationHeading, data.NewCollaborations.Count));
        List(body, t, data.NewCollaborations, limit, c => (
            t.Format(t.DigestCollaborationItem, c.OnAction ? t.Action : t.Goal, c.OwnerTitle, c.Partner),
            c.OnAction ? context.Links.Action(c.GoalId, c.OwnerId) : context.Links.Goal(c.GoalId)));
        body.Heading(t.Format(t.DigestIncomingHeading, data.AwaitingAnswer.Count, data.AwaitingAnswer.Count(c => c.IsNew)));
        List(body, t, data.AwaitingAnswer, limit, c => (
            t.Format(c.IsNew ? t.DigestIncomingNewItem : t.DigestIncomingItem, c.FromUnit, c.Partner, c.Description),
            context.Links.IncomingCollaboration(c.AnsweringUnitId, c.CollaborationId)));
    }

    private static void List<T>(MessageBuilder body, NotificationTexts t, IReadOnlyList<T> items, int limit, Func<T, (string Text, string? Url)> line)
    {
        if (items.Count == 0)
        {
            body.Paragraph(t.DigestNone);
            return;
        }

        foreach (var item in items.Take(limit))
        {
            var (text, url) = line(item);
            body.Item(text, url);
        }

        if (items.Count > limit)
        {
            body.Paragraph(t.Format(t.DigestMore, items.Count - limit));
        }
    }
}
