using Mediator;
using Microsoft.Extensions.Options;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Notifications;

namespace VisionTracker.Application.Notifications;

/// <summary>
/// Tells the owner of each open action in an Active period that is due within <c>DueSoonDays</c> (today included).
/// Key: <c>due:{actionId}:{dueDate}</c>, so a moved due date earns a new reminder and a re-run none.
/// </summary>
public sealed record SendActionDueRemindersCommand : ICommand<int>;

public sealed class SendActionDueRemindersHandler(IVisionTrackerDbContext db, ReminderContext context, IOptions<NotificationOptions> options)
    : ICommandHandler<SendActionDueRemindersCommand, int>
{
    public async ValueTask<int> Handle(SendActionDueRemindersCommand command, CancellationToken cancellationToken)
    {
        var today = context.Today;
        var due = await OpenActions.DueBetweenAsync(db, today, today.AddDays(options.Value.DueSoonDays), cancellationToken);
        var keyed = due.ToDictionary(a => $"due:{a.Id}:{a.DueDate:yyyy-MM-dd}");
        var fresh = await context.NewKeysAsync(keyed.Keys, cancellationToken);
        var recipients = await context.ActiveRecipientsAsync(fresh.Select(k => keyed[k].OwnerId), cancellationToken);
        var written = 0;
        foreach (var key in fresh.Order(StringComparer.Ordinal))
        {
            var action = keyed[key];
            if (!recipients.TryGetValue(action.OwnerId, out var to))
            {
                continue;
            }

            var t = to.Texts;
            var body = new MessageBuilder()
                .Paragraph(t.Format(t.Greeting, to.Name))
                .Paragraph(t.Format(t.DueBody, action.Title, action.GoalTitle, t.Date(action.DueDate), action.DueDate.DayNumber - today.DayNumber))
                .Item(action.Title, context.Links.Action(action.GoalId, action.Id))
                .Paragraph(t.DueOutro);
            context.Add(to, NotificationKind.ActionDueSoon, key, t.Format(t.DueSubject, action.Title, t.Date(action.DueDate)), body);
            written++;
        }

        return written;
    }
}
