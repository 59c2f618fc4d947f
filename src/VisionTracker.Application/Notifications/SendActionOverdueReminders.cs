using Mediator;
using Microsoft.Extensions.Options;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Notifications;

namespace VisionTracker.Application.Notifications;

/// <summary>
/// Tells the owner of each open, overdue action in an Active period, once per ISO week (<c>overdue:{actionId}:{isoWeek}</c>);
/// once it is overdue by <c>EscalateOverdueAfterDays</c> or more, also every active department head over its unit
/// (<c>overdue-escalation:{actionId}:{headId}:{isoWeek}</c>).
/// </summary>
public sealed record SendActionOverdueRemindersCommand : ICommand<int>;

public sealed class SendActionOverdueRemindersHandler(IVisionTrackerDbContext db, ReminderContext context, IOptions<NotificationOptions> options)
    : ICommandHandler<SendActionOverdueRemindersCommand, int>
{
    public async ValueTask<int> Handle(SendActionOverdueRemindersCommand command, CancellationToken cancellationToken)
    {
        var today = context.Today;
        var week = context.IsoWeek;
        var overdue = await OpenActions.DueBetweenAsync(db, DateOnly.MinValue, today.AddDays(-1), cancellationToken);
        var escalateBefore = today.AddDays(-options.Value.EscalateOverdueAfterDays);
        var heads = overdue.Any(a => a.DueDate <= escalateBefore) ? await context.DepartmentHeadsAsync(cancellationToken) : [];

        var wanted = new Dictionary<string, (OpenAction Action, Guid RecipientId, bool Escalation)>();
        foreach (var action in overdue)
        {
            wanted[$"overdue:{action.Id}:{week}"] = (action, action.OwnerId, false);
            if (action.DueDate > escalateBefore)
            {
                continue;
            }

            foreach (var head in heads.Where(h => action.UnitPath.StartsWith(h.UnitPath, StringComparison.Ordinal) && h.PersonId != action.OwnerId))
            {
                wanted[$"overdue-escalation:{action.Id}:{head.PersonId}:{week}"] = (action, head.PersonId, true);
            }
        }

        var fresh = await context.NewKeysAsync(wanted.Keys, cancellationToken);
        var recipients = await context.ActiveRecipientsAsync(fresh.Select(k => wanted[k].RecipientId), cancellationToken);
        var written = 0;
        foreach (var key in fresh.Order(StringComparer.Ordinal))
        {
            var (action, recipientId, escalation) = wanted[key];
            if (!recipients.TryGetValue(recipientId, out var to))
            {
                continue;
            }

            var t = to.Texts;
            var days = today.DayNumber - action.DueDate.DayNumber;
            var body = new MessageBuilder().Paragraph(t.Format(t.Greeting, to.Name));
            if (escalation)
            {
                body.Paragraph(t.Format(t.EscalationBody, action.Title, action.GoalTitle, action.UnitName, action.OwnerName, t.Date(action.DueDate), days))
                    .Item(action.Title, context.Links.Action(action.GoalId, action.Id))
                    .Paragraph(t.EscalationOutro);
                context.Add(to, NotificationKind.ActionOverdueEscalation, key, t.Format(t.EscalationSubject, days, action.Title, action.OwnerName), body);
            }
            else
            {
                body.Paragraph(t.Format(t.OverdueBody, action.Title, action.GoalTitle, t.Date(action.DueDate), days))
                    .Item(action.Title, context.Links.Action(action.GoalId, action.Id))
                    .Paragraph(t.OverdueOutro);
                context.Add(to, NotificationKind.ActionOverdue, key, t.Format(t.OverdueSubject, action.Title, t.Date(action.DueDate)), body);
            }

            written++;
        }

        return written;
    }
}
