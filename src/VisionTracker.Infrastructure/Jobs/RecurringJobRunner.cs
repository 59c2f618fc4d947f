using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VisionTracker.Application.Security;

namespace VisionTracker.Infrastructure.Jobs;

/// <summary>
/// The one method Hangfire stores for every recurring job: its argument is the job's id, so stored jobs survive
/// refactoring of the job classes. Each run gets a fresh DI scope whose actor is the system, named after the job.
/// </summary>
public sealed class RecurringJobRunner(IServiceScopeFactory scopes, ILogger<RecurringJobRunner> logger)
{
    [JobDisplayName("{0}")]
    public async Task RunAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var job = scope.ServiceProvider.GetServices<IRecurringJob>().SingleOrDefault(j => j.Id == jobId)
            ?? throw new InvalidOperationException($"No recurring job with the id '{jobId}' is registered in this version of the service.");
        scope.ServiceProvider.GetRequiredService<SystemActor>().Become(SystemActor.ForJob(jobId));

        var started = Stopwatch.GetTimestamp();
        await job.RunAsync(cancellationToken);
        logger.LogInformation("Recurring job {JobId} finished in {ElapsedMs:F0} ms", jobId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
