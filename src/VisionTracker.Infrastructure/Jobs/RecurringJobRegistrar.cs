using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VisionTracker.Application.Figures;

namespace VisionTracker.Infrastructure.Jobs;

/// <summary>
/// Brings Hangfire's recurring jobs in line with the registered <see cref="IRecurringJob"/>s and the configuration:
/// adds or updates every enabled one (cron from <c>Jobs:Recurring:{Id}:Cron</c>, else its default, in
/// <c>Figures:TimeZone</c>), and removes stored ones that are disabled or no longer exist. Runs at start-up, after the
/// database migration. With <c>Jobs:PauseSchedules</c> every job is registered but scheduled never.
/// </summary>
public sealed class RecurringJobRegistrar(
    IServiceScopeFactory scopes,
    IRecurringJobManager manager,
    JobStorage storage,
    IOptions<JobOptions> options,
    IOptions<FigureOptions> figures,
    ILogger<RecurringJobRegistrar> logger)
{
    /// <summary>The schedule of a paused job (<see cref="JobOptions.PauseSchedules"/>): 31 February.</summary>
    public const string Never = "0 0 31 2 *";

    public IReadOnlyList<string> Register()
    {
        var settings = options.Value;
        var timeZone = figures.Value.ResolveTimeZone();
        List<(string Id, string DefaultCron)> jobs;
        using (var scope = scopes.CreateScope())
        {
            jobs = scope.ServiceProvider.GetServices<IRecurringJob>().Select(j => (j.Id, j.DefaultCron)).ToList();
        }

        var duplicate = jobs.GroupBy(j => j.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two recurring jobs share the id '{duplicate.Key}'.");
        }

        var registered = new List<string>();
        foreach (var (id, defaultCron) in jobs)
        {
            var job = settings.For(id);
            if (!job.Enabled)
            {
                continue;
            }

            var cron = settings.PauseSchedules ? Never : string.IsNullOrWhiteSpace(job.Cron) ? defaultCron : job.Cron.Trim();
            try
            {
                manager.AddOrUpdate<RecurringJobRunner>(id, r => r.RunAsync(id, CancellationToken.None), cron, new RecurringJobOptions { TimeZone = timeZone });
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException($"Jobs:Recurring:{id}:Cron '{cron}' is not a valid cron expression: {e.Message}", e);
            }

            registered.Add(id);
            logger.LogInformation("Recurring job {JobId} scheduled '{Cron}' in {TimeZone}", id, cron, timeZone.Id);
        }

        using var connection = storage.GetConnection();
        foreach (var stale in connection.GetRecurringJobs().Select(j => j.Id).Except(registered, StringComparer.Ordinal).ToList())
        {
            manager.RemoveIfExists(stale);
            logger.LogInformation("Recurring job {JobId} removed: it is disabled or no longer exists", stale);
        }

        return registered;
    }
}
