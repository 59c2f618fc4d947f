using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Notifications;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Notifications;

/// <summary>
/// When an Active period ends within <c>PeriodClosingDays</c>, tells each leader who owns a live goal, a key result of
/// one, or an open action in it, listing those goals. Key: <c>period-closing:{periodId}:{personId}</c> (once per period).
/// </summary>
public sealed record SendPeriodClosingRemindersCommand : ICommand<int>;

public sealed class SendPeriodClosingRemindersHandler(IVisionTrackerDbContext db, ReminderContext context, IOptions<NotificationOptions> options)
    : ICommandHandler<SendPeriodClosingRemindersCommand, int>
{
    public async ValueTask<int> Handle(SendPeriodClosingRemindersCommand command, CancellationToken cancellationToken)
    {
        var today = context.Today;
        var until = today.AddDays(options.Value.PeriodClosingDays);
        var periods = await db.Periods.AsNoTracking()
            .Where(p => p.State == PeriodState.Active && p.End >= today && p.End <= until)
            .Select(p => new { p.Id, p.Name, p.End })
            .ToListAsync(cancellationToken);
        var written = 0;
        foreach (var period in periods)
        {
            var goals = await db.Goals.AsNoTracking()
                .Where(g => g.PeriodId == period.Id && !g.IsArchived && (g.State == GoalState.Active || g.State == GoalState.Draft))
                .Select(g => new { g.Id, g.Title, g.OwnerId, KeyResultOwners = g.KeyResults.Select(k => k.OwnerId).ToList() })
                .ToListAsync(cancellationToken);
            var actions = await db.Actions.AsNoTracking()
                .Where(a => a.PeriodId == period.Id && !a.Goal!.IsArchived)
                .Where(FigureRules.OpenAction)
                .Select(a => new { a.Id, a.GoalId, a.Title, a.OwnerId })
                .ToListAsync(cancellationToken);

            var items = goals.SelectMany(g => g.KeyResultOwners.Append(g.OwnerId).Distinct()
                    .Select(owner => (Owner: owner, IsAction: false, g.Title, Link: context.Links.Goal(g.Id))))
                .Concat(actions.Select(a => (Owner: a.OwnerId, IsAction: true, a.Title, Link: context.Links.Action(a.GoalId, a.Id))))
                .GroupBy(i => i.Owner)
                .ToDictionary(g => g.Key, g => g.ToList());
            var keys = items.Keys.ToDictionary(id => id, id => $"period-closing:{period.Id}:{id}");
            var fresh = await context.NewKeysAsync(keys.Values, cancellationToken);
            var recipients = await context.ActiveRecipientsAsync(items.Keys.Where(id => fresh.Contains(keys[id])), cancellationToken);
            foreach (var (personId, list) in items)
            {
                if (!recipients.TryGetValue(personId, out var to))
                {
                    continue;
                }

                var t = to.Texts;
                var body = new MessageBuilder()
                    .Paragraph(t.Format(t.Greeting, to.Name))
                    .Paragraph(t.Format(t.ClosingBody, period.Name, t.Date(period.End), period.End.DayNumber - today.DayNumber));
                foreach (var item in list.OrderBy(i => i.IsAction).ThenBy(i => i.Title, StringComparer.Ordinal))
                {
                    body.Item($"{(item.IsAction ? t.Action : t.Goal)}: {item.Title}", item.Link);
                }

                body.Paragraph(t.ClosingOutro);
                context.Add(to, NotificationKind.PeriodClosing, keys[personId], t.Format(t.ClosingSubject, period.Name, t.Date(period.End)), body);
                written++;
            }
        }

        return written;
    }
}
