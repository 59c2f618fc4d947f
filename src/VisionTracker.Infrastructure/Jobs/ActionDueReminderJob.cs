using Mediator;
using Microsoft.Extensions.Logging;
using VisionTracker.Application.Notifications;

namespace VisionTracker.Infrastructure.Jobs;

/// <summary>Reminders for actions due within a few days (daily 08:00).</summary>
public sealed class ActionDueReminderJob(ISender sender, ILogger<ActionDueReminderJob> logger) : IRecurringJob
{
    public string Id => "reminders-action-due";

    public string DefaultCron => "0 8 * * *";

    public Task RunAsync(CancellationToken cancellationToken) =>
        ReminderJobLog.RunAsync(logger, Id, async () => await sender.Send(new SendActionDueRemindersCommand(), cancellationToken));
}
