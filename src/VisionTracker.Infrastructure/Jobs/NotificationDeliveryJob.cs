using Mediator;
using Microsoft.Extensions.Logging;
using VisionTracker.Application.Notifications;

namespace VisionTracker.Infrastructure.Jobs;

/// <summary>Sends the e-mails that are due (every minute).</summary>
public sealed class NotificationDeliveryJob(ISender sender, ILogger<NotificationDeliveryJob> logger) : IRecurringJob
{
    public string Id => "notifications-deliver";

    public string DefaultCron => "* * * * *";

    public Task RunAsync(CancellationToken cancellationToken) =>
        ReminderJobLog.RunAsync(logger, Id, async () => await sender.Send(new DeliverNotificationsCommand(), cancellationToken));
}
