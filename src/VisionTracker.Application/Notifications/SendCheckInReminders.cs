using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Notifications;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Notifications;

/// <summary>
/// One reminder per person and ISO week listing every key result and open action they own, in an Active period, that
/// has had no check-in for its unit's cadence (default: the stale limit). Items checked in recently are left out, and
/// people with nothing stale get nothing. Key: <c>checkin:{personId}:{isoWeek}</c>. Returns the notifications written.
/// </summary>
public sealed record SendCheckInRemindersCommand : ICommand<int>;

public sealed class SendCheckInRemindersHandler(IVisionTrackerDbContext db, ReminderContext context, FigureReader figures)
    : ICommandHandler<SendCheckInRemindersCommand, int>
{
    private sealed record StaleItem(bool IsAction, Guid Id, Guid GoalId, Guid OwnerId, string Title, string GoalTitle, Guid UnitId, DateTime? LastCheckInAt, DateTime CreatedAt);

    public async ValueTask<int> Handle(SendCheckInRemindersCommand command, CancellationToken cancellationToken)
    {
        var now = context.Now;
        var cadence = await CheckInCadence.LoadAsync(db, figures.StaleAfterDays, cancellationToken);
        var cutoff = now.AddDays(-cadence.Shortest);

        var keyResults = await db.KeyResults.AsNoTracking()
            .Where(k => db.Periods.Any(p => p.Id == k.PeriodId && p.State == PeriodState.Active))
            .Where(FigureRules.GoalCounts.Over((KeyResult k) => k.Goal!.State, k => k.Goal!.IsArchived))
            .Where(FigureRules.Stale<KeyResult>(k => k.LastCheckInAt, k => k.CreatedAt, cutoff))
            .Select(k => new StaleItem(false, k.Id, k.GoalId, k.OwnerId, k.Title, k.Goal!.Title, k.Goal.OwnerUnitId, k.LastCheckInAt, k.CreatedAt))
            .ToListAsync(cancellationToken);
        var actions = await db.Actions.AsNoTracking()
            .Where(a => db.Periods.Any(p => p.Id == a.PeriodId && p.State == PeriodState.Active))
            .Where(FigureRules.OpenAction)
            .Where(a => !a.Goal!.IsArchived)
            .Where(FigureRules.Stale<LeaderAction>(a => a.LastCheckInAt, a => a.CreatedAt, cutoff))
            .Select(a => new StaleItem(true, a.Id, a.GoalId, a.OwnerId, a.Title, a.Goal!.Title, a.OrgUnitId, a.LastCheckInAt, a.CreatedAt))
            .ToListAsync(cancellationToken);

        var stale = keyResults.Concat(actions)
            .Where(i => cadence.NeedsCheckIn(i.UnitId, i.LastCheckInAt, i.CreatedAt, now))
            .GroupBy(i => i.OwnerId)
            .ToDictionary(g => g.Key, g => g.ToList());
        var keys = stale.Keys.ToDictionary(id => id, id => $"checkin:{id}:{context.IsoWeek}");
        var fresh = await context.NewKeysAsync(keys.Values, cancellationToken);
        var recipients = await context.ActiveRecipientsAsync(stale.Keys.Where(id => fresh.Contains(keys[id])), cancellationToken);

        foreach (var (ownerId, items) in stale)
        {
            if (!recipients.TryGetValue(ownerId, out var to))
            {
                continue;
            }

            var t = to.Texts;
            var body = new MessageBuilder().Paragraph(t.Format(t.Greeting, to.Name)).Paragraph(t.CheckInIntro);
            foreach (var item in items.OrderBy(i => i.LastCheckInAt ?? i.CreatedAt).ThenBy(i => i.Title, StringComparer.Ordinal))
            {
                body.Item(
                    t.Format(t.CheckInItem, item.IsAction ? t.Action : t.KeyResult, item.Title, item.GoalTitle, t.Date(item.LastCheckInAt), cadence.For(item.UnitId)),
                    item.IsAction ? context.Links.Action(item.GoalId, item.Id) : context.Links.KeyResult(item.GoalId, item.Id));
            }

            body.Paragraph(t.CheckInOutro);
            context.Add(to, NotificationKind.StaleCheckIn, keys[ownerId], t.Format(t.CheckInSubject, items.Count), body);
        }

        return recipients.Count;
    }
}
