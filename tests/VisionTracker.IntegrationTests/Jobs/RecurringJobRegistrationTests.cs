using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Infrastructure.Jobs;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Jobs;

/// <summary>Start-up brings Hangfire's recurring jobs in line with the registered jobs and the configuration.</summary>
public sealed class RecurringJobRegistrationTests
{
    private static readonly bool OnPostgres = Environment.GetEnvironmentVariable("VT_TEST_POSTGRES") is not null;

    private static readonly string[] EveryJobId =
    [
        FiguresNightlyJob.JobId, "reminders-checkin", "reminders-action-due", "reminders-action-overdue",
        "reminders-period-closing", "digest-weekly", "notifications-deliver", SqliteBackupJob.JobId,
    ];

    /// <summary>The SQLite backup job exists only where the database is SQLite (PostgreSQL is backed up with pg_dump).</summary>
    private static readonly string[] AllJobIds = [.. EveryJobId.Where(id => !OnPostgres || id != SqliteBackupJob.JobId)];

    [Fact]
    public async Task Register_RemovesRecurringJobsThatNoLongerExist()
    {
        await using var factory = new VisionTrackerFactory();
        await factory.InitializeAsync();
        var manager = factory.Services.GetRequiredService<IRecurringJobManager>();
        manager.AddOrUpdate<RecurringJobRunner>("retired-job", r => r.RunAsync("retired-job", CancellationToken.None), "0 6 * * *");

        var registered = factory.Services.GetRequiredService<RecurringJobRegistrar>().Register();

        registered.ShouldContain(FiguresNightlyJob.JobId);
        RecurringJobs(factory).Select(j => j.Id).ShouldBe(AllJobIds, ignoreOrder: true);
    }

    [Fact]
    public async Task Startup_WithAJobDisabledAndAnotherCron_RegistersAccordingly()
    {
        await using var disabled = new VisionTrackerFactory { Settings = { ["Jobs:Recurring:figures-nightly:Enabled"] = "false" } };
        await using var moved = new VisionTrackerFactory { Settings = { ["Jobs:Recurring:figures-nightly:Cron"] = "15 4 * * *", ["Figures:TimeZone"] = "Europe/London" } };
        await disabled.InitializeAsync();
        await moved.InitializeAsync();

        RecurringJobs(disabled).Select(j => j.Id).ShouldBe(AllJobIds.Where(id => id != FiguresNightlyJob.JobId), ignoreOrder: true);
        var job = RecurringJobs(moved).Single(j => j.Id == FiguresNightlyJob.JobId);
        job.Cron.ShouldBe("15 4 * * *");
        job.TimeZoneId.ShouldBe("Europe/London");
    }

    [Fact]
    public async Task Startup_WithSchedulesPaused_RegistersEveryJobScheduledNever()
    {
        await using var factory = new VisionTrackerFactory { Settings = { ["Jobs:PauseSchedules"] = "true", ["Jobs:Recurring:figures-nightly:Cron"] = "15 4 * * *" } };
        await factory.InitializeAsync();

        var jobs = RecurringJobs(factory);

        jobs.Select(j => j.Id).ShouldBe(AllJobIds, ignoreOrder: true);
        jobs.ShouldAllBe(j => j.Cron == RecurringJobRegistrar.Never);
    }

    [Fact]
    public async Task Startup_WithoutOverrides_SchedulesEveryJobAsTheJobsTableOfOperationsMdSays()
    {
        await using var factory = new VisionTrackerFactory();
        await factory.InitializeAsync();

        var documented = DocumentedSchedules();

        documented.Keys.ShouldBe(EveryJobId, ignoreOrder: true);
        RecurringJobs(factory).ToDictionary(j => j.Id, j => j.Cron).ShouldBe(documented.Where(d => AllJobIds.Contains(d.Key)), ignoreOrder: true);
    }

    /// <summary>The rows "| `id` | `cron`: words | ..." of the jobs table in docs/operations.md.</summary>
    private static Dictionary<string, string> DocumentedSchedules()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "VisionTracker.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("VisionTracker.sln not found above the test binaries.");
        }

        return File.ReadLines(Path.Combine(root.FullName, "docs", "operations.md"))
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"^\| `([a-z-]+)` \| `([^`]+)`: ", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    private static List<RecurringJobDto> RecurringJobs(VisionTrackerFactory factory)
    {
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs();
    }
}
