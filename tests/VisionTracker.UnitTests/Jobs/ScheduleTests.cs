using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using VisionTracker.Application.Figures;
using VisionTracker.Infrastructure.Jobs;

namespace VisionTracker.UnitTests.Jobs;

/// <summary>
/// When the schedules fire, as Hangfire itself computes it (its RecurringJobManager and the Cronos library it ships),
/// with the cron expressions and time zone the service is configured with and a fake clock walking across the
/// daylight-saving changes of 2027 (last Sundays of March and October: 28 March and 31 October).
/// </summary>
public sealed class ScheduleTests
{
    private const string WeeklyReminderCron = "0 9 * * MON";

    private static readonly IConfiguration Settings = LoadSettings();

    private static readonly JobOptions Configured = Settings.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions();

    private static readonly FigureOptions Organisation = Settings.GetSection(FigureOptions.Section).Get<FigureOptions>() ?? new FigureOptions();

    [Fact]
    public void AppSettings_LeaveTheNightlyRollUpAtItsDefault0230InCopenhagen()
    {
        Organisation.TimeZone.ShouldBe("Europe/Copenhagen");
        Configured.For(FiguresNightlyJob.JobId).Cron.ShouldBeNull();
        Configured.Recurring.Values.ShouldAllBe(job => job.Cron == null, "schedules live once, in each job's DefaultCron");
        FiguresNightlyJob.Schedule.ShouldBe("30 2 * * *");
    }

    [Fact]
    public void MondayReminder_AcrossTheMarchChange_Fires0900LocalWhichMovesFrom0800ZTo0700Z()
    {
        var fired = Occurrences(WeeklyReminderCron, new DateTime(2027, 3, 15, 10, 0, 0, DateTimeKind.Utc), 3);

        fired.ShouldBe([Utc(2027, 3, 22, 8, 0), Utc(2027, 3, 29, 7, 0), Utc(2027, 4, 5, 7, 0)]);
        fired.ShouldAllBe(t => Local(t).Hour == 9 && Local(t).Minute == 0 && Local(t).DayOfWeek == DayOfWeek.Monday);
    }

    [Fact]
    public void MondayReminder_AcrossTheOctoberChange_Fires0900LocalWhichMovesFrom0700ZTo0800Z()
    {
        var fired = Occurrences(WeeklyReminderCron, new DateTime(2027, 10, 19, 12, 0, 0, DateTimeKind.Utc), 2);

        fired.ShouldBe([Utc(2027, 10, 25, 7, 0), Utc(2027, 11, 1, 8, 0)]);
        fired.ShouldAllBe(t => Local(t).Hour == 9 && Local(t).DayOfWeek == DayOfWeek.Monday);
    }

    [Fact]
    public void NightlyRollUp_OnTheNightTheClocksSpringForward_RunsOnceAt0300LocalBecause0230DoesNotExist()
    {
        var fired = Occurrences(FiguresNightlyJob.Schedule, new DateTime(2027, 3, 26, 12, 0, 0, DateTimeKind.Utc), 3);

        // 27 March 02:30 CET (UTC+1); on 28 March 02:00 CET jumps to 03:00 CEST, so 02:30 is skipped and the run moves to
        // the end of the gap, 03:00 CEST = 01:00Z; from 29 March 02:30 CEST (UTC+2).
        fired.ShouldBe([Utc(2027, 3, 27, 1, 30), Utc(2027, 3, 28, 1, 0), Utc(2027, 3, 29, 0, 30)]);
    }

    [Fact]
    public void NightlyRollUp_OnTheNightTheClocksFallBack_RunsOnceAtTheFirst0230()
    {
        var fired = Occurrences(FiguresNightlyJob.Schedule, new DateTime(2027, 10, 29, 12, 0, 0, DateTimeKind.Utc), 3);

        // 31 October 03:00 CEST falls back to 02:00 CET, so 02:30 happens twice; it runs only at the first (CEST, 00:30Z).
        fired.ShouldBe([Utc(2027, 10, 30, 0, 30), Utc(2027, 10, 31, 0, 30), Utc(2027, 11, 1, 1, 30)]);
    }

    [Fact]
    public void TimeZone_UnknownId_FailsWithTheConfigurationKey()
    {
        var options = new FigureOptions { TimeZone = "Europe/Aarhus" };

        var error = Should.Throw<InvalidOperationException>(() => options.ResolveTimeZone());

        error.Message.ShouldContain("Figures:TimeZone");
    }

    /// <summary>
    /// Registers the job with Hangfire's manager on a fake clock and reads back the next execution Hangfire stored; then
    /// moves the clock just past it and registers again, as the scheduler would move on after a run.
    /// </summary>
    private static List<DateTime> Occurrences(string cron, DateTime fromUtc, int count)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(fromUtc));
        using var storage = new InMemoryStorage();
        var manager = new RecurringJobManager(storage, JobFilterProviders.Providers, new DefaultTimeZoneResolver(), () => clock.GetUtcNow().UtcDateTime);
        var timeZone = Organisation.ResolveTimeZone();
        var fired = new List<DateTime>();
        for (var i = 0; i < count; i++)
        {
            manager.RemoveIfExists("schedule");
            manager.AddOrUpdate<RecurringJobRunner>("schedule", r => r.RunAsync("schedule", CancellationToken.None), cron, new RecurringJobOptions { TimeZone = timeZone });
            using var connection = storage.GetConnection();
            var job = connection.GetRecurringJobs().Single();
            job.TimeZoneId.ShouldBe(timeZone.Id);
            var next = job.NextExecution!.Value;
            fired.Add(DateTime.SpecifyKind(next, DateTimeKind.Utc));
            clock.SetUtcNow(new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)).AddMinutes(1));
        }

        return fired;
    }

    private static DateTime Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Organisation.ResolveTimeZone());

    private static IConfiguration LoadSettings()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        return new ConfigurationBuilder().AddJsonFile(file, optional: false).Build();
    }
}
