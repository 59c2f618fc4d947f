using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Notifications;
using VisionTracker.Domain.Organisation;
using Xunit.Abstractions;

namespace VisionTracker.IntegrationTests.Notifications;

/// <summary>All notification jobs over the Aarhus demo data, twice: the second round must write and send nothing.</summary>
public sealed class DemoDataJobsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] JobIds =
        ["reminders-checkin", "reminders-action-due", "reminders-action-overdue", "reminders-period-closing", "digest-weekly", "notifications-deliver"];

    private NotificationHost host = null!;

    public async Task InitializeAsync() => host = await NotificationHost.StartAsync(seedDemoData: true, ("Notifications:Delivery:BatchSize", "1000"));

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task NotificationJobs_OnTheDemoData_RemindDigestAndDeliverOnceEach()
    {
        var firstRound = await RunAllAsync("first");
        var notifications = await host.Factory.WithDbAsync(db => db.Notifications.AsNoTracking().ToListAsync());
        var heads = await host.Factory.WithDbAsync(db => db.RoleAssignments
            .Where(r => r.Role == Role.DepartmentHead && r.Person!.IsActive).Select(r => r.PersonId).Distinct().ToListAsync());
        var sentAfterFirstRound = host.Smtp.Messages.Count;
        var secondRound = await RunAllAsync("second");

        firstRound.ShouldBeGreaterThan(0);
        notifications.ShouldContain(n => n.Kind == NotificationKind.StaleCheckIn);
        notifications.Where(n => n.Kind == NotificationKind.WeeklyDigest).Select(n => n.RecipientId).ShouldBe(heads, ignoreOrder: true);
        notifications.ShouldAllBe(n => n.SentAt != null);
        sentAfterFirstRound.ShouldBe(notifications.Count);
        secondRound.ShouldBe(0);
        host.Smtp.Messages.Count.ShouldBe(sentAfterFirstRound);
    }

    private async Task<int> RunAllAsync(string round)
    {
        var before = await host.Factory.WithDbAsync(db => db.Notifications.CountAsync());
        foreach (var id in JobIds)
        {
            var watch = Stopwatch.StartNew();
            await host.RunJobAsync(id);
            var total = await host.Factory.WithDbAsync(db => db.Notifications.CountAsync());
            output.WriteLine($"{round} round: {id} took {watch.ElapsedMilliseconds} ms; notifications now {total}, e-mails received {host.Smtp.Messages.Count}");
        }

        return await host.Factory.WithDbAsync(db => db.Notifications.CountAsync()) - before;
    }
}
