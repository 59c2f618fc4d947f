namespace VisionTracker.Infrastructure.Jobs;

/// <summary>
/// A job Hangfire runs on a schedule. Implementations are thin: they send one command. <see cref="Id"/> is the stable
/// recurring-job id; the schedule is <c>Jobs:Recurring:{Id}:Cron</c> from configuration, else <see cref="DefaultCron"/>,
/// evaluated in the <c>Europe/Copenhagen</c> time zone. Every run must be safe to repeat (Hangfire is at-least-once).
/// </summary>
public interface IRecurringJob
{
    string Id { get; }

    string DefaultCron { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
