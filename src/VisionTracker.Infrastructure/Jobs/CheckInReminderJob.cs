using Mediator;
using Microsoft.Extensions.Logging;
using VisionTracker.Application.Notifications;

namespace VisionTracker.Infrastructure.Jobs;

/// <summary>Weekly check-in reminders (Mondays 09:00).</summary>
public sealed class CheckInReminderJob(ISender sender, ILogger<CheckInReminderJob> logger) : IRecurringJob
{
    public string Id => "reminders-checkin";

    public string DefaultCron => "0 9 * * 1";

    public Task RunAsync(CancellationToken cancellationToken) =>
        ReminderJobLog.RunAsync(logger, Id, async () => await sender.Send(new SendCheckInRemindersCommand(), cancellationToken));
}
