using Mediator;
using Microsoft.Extensions.Logging;
using VisionTracker.Application.Notifications;

namespace VisionTracker.Infrastructure.Jobs;

/// <summary>The department heads' weekly digest (Mondays 07:00).</summary>
public sealed class WeeklyDigestJob(ISender sender, ILogger<WeeklyDigestJob> logger) : IRecurringJob
{
    public string Id => "digest-weekly";

    public string DefaultCron => "0 7 * * 1";

    public Task RunAsync(CancellationToken cancellationToken) =>
        ReminderJobLog.RunAsync(logger, Id, async () => await sender.Send(new SendWeeklyDigestCommand(), cancellationToken));
}
