using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Infrastructure.Jobs;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Jobs;

/// <summary>Start-up brings Hangfire's recurring jobs in line with the registered jobs and the configuration.</summary>
public sealed class RecurringJobRegistrationTests
{
    private static readonly string[] AllJobIds =
    [
        FiguresNightlyJob.JobId, "reminders-checkin", "reminders-action-due", "reminders-action-overdue",
        "reminders-period-closing", "digest-weekly", "notifications-deliver",
    ];

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

    private static List<RecurringJobDto> RecurringJobs(VisionTrackerFactory factory)
    {
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs();
    }
}
