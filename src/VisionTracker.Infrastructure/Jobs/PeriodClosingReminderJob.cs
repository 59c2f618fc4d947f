using Mediator;
using Microsoft.Extensions.Logging;
using VisionTracker.Application.Notifications;

namespace VisionTracker.Infrastructure.Jobs;

/// <summary>Reminders that an Active period is about to end (daily 08:00).</summary>
public sealed class PeriodClosingReminderJob(ISender sender, ILogger<PeriodClosingReminderJob> logger) : IRecurringJob
{
    public string Id => "reminders-period-closing";

    public string DefaultCron => "0 8 * * *";

    public Task RunAsync(CancellationToken cancellationToken) =>
        ReminderJobLog.RunAsync(logger, Id, async () => await sender.Send(new SendPeriodClosingRemindersCommand(), cancellationToken));
}
