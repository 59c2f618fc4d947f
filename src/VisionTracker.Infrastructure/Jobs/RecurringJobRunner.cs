using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VisionTracker.Application.Common.Telemetry;
using VisionTracker.Application.Security;

namespace VisionTracker.Infrastructure.Jobs;

/// <summary>
/// The one method Hangfire stores for every recurring job: its argument is the job's id, so stored jobs survive
/// refactoring of the job classes. Each run holds the job's <see cref="JobRunLock"/> (no two runs of one job overlap,
/// on any instance), gets a fresh DI scope whose actor is the system, named after the job, and is one span and one
/// measurement of <c>visiontracker.job.duration</c>.
/// </summary>
public sealed class RecurringJobRunner(IServiceScopeFactory scopes, JobRunLock runLock, VisionTrackerMetrics metrics, ILogger<RecurringJobRunner> logger)
{
    [JobDisplayName("{0}")]
    public async Task RunAsync(string jobId, CancellationToken cancellationToken)
    {
        using var activity = VisionTrackerMetrics.ActivitySource.StartActivity($"job {jobId}");
        activity?.SetTag("visiontracker.job", jobId);
        await using var held = await runLock.AcquireAsync(jobId, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var job = scope.ServiceProvider.GetServices<IRecurringJob>().SingleOrDefault(j => j.Id == jobId)
            ?? throw new InvalidOperationException($"No recurring job with the id '{jobId}' is registered in this version of the service.");
        scope.ServiceProvider.GetRequiredService<SystemActor>().Become(SystemActor.ForJob(jobId));

        var started = Stopwatch.GetTimestamp();
        logger.LogInformation("Recurring job {JobId} started", jobId);
        try
        {
            await job.RunAsync(cancellationToken);
        }
        catch (Exception e)
        {
            metrics.JobRan(jobId, Stopwatch.GetElapsedTime(started), failed: true);
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.JobRan(jobId, elapsed, failed: false);
        logger.LogInformation("Recurring job {JobId} finished in {ElapsedMs:F0} ms", jobId, elapsed.TotalMilliseconds);
    }
}
