using Mediator;
using Microsoft.Extensions.Logging;
using VisionTracker.Application.Notifications;

namespace VisionTracker.Infrastructure.Jobs;

/// <summary>Weekly overdue-action reminders and escalations (Mondays 09:00).</summary>
public sealed class ActionOverdueReminderJob(ISender sender, ILogger<ActionOverdueReminderJob> logger) : IRecurringJob
{
    public string Id => "reminders-action-overdue";

    public string DefaultCron => "0 9 * * 1";

    public Task RunAsync(CancellationToken cancellationToken) =>
        ReminderJobLog.RunAsync(logger, Id, async () => await sender.Send(new SendActionOverdueRemindersCommand(), cancellationToken));
}
