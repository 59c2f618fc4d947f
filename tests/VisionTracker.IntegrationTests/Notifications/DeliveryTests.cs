using System.Net;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Organisation;
using VisionTracker.Infrastructure.Jobs;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Notifications;

public sealed class DeliveryTests : IAsyncLifetime
{
    private NotificationHost host = null!;

    private VisionTrackerFactory Factory => host.Factory;

    public async Task InitializeAsync() => host = await NotificationHost.StartAsync(("Notifications:Delivery:MaxAttempts", "3"));

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Delivery_RecipientRefused_IsRetriedAfterBackOffWithoutBlockingOthers()
    {
        var scene = await Factory.ArrangeGoalSceneAsync();
        var colleague = await Factory.CreatePersonAsync("Kim Kollega", scene.Unit.Id, Role.Leader);
        await Factory.ArrangeKeyResultAsync(scene.GoalId, colleague.Id, title: "Nye cykelstier");
        var refused = await host.EmailOfAsync(scene.Leader.Id);
        var accepted = await host.EmailOfAsync(colleague.Id);
        host.Smtp.RejectedRecipients[refused] = true;
        host.Advance(TimeSpan.FromDays(15));
        var firstTry = Factory.Clock.GetUtcNow().UtcDateTime;

        await host.RunAndDeliverAsync<CheckInReminderJob>();
        var failed = (await host.NotificationsForAsync(scene.Leader.Id)).ShouldHaveSingleItem();
        await host.RunJobAsync<NotificationDeliveryJob>();
        var stillWaiting = (await host.NotificationsForAsync(scene.Leader.Id)).Single();
        host.Smtp.RejectedRecipients.Clear();
        host.Advance(TimeSpan.FromSeconds(61));
        await host.RunJobAsync<NotificationDeliveryJob>();
        await host.RunJobAsync<NotificationDeliveryJob>();

        failed.SentAt.ShouldBeNull();
        failed.Attempts.ShouldBe(1);
        failed.LastError.ShouldNotBeNull().ShouldContain("refused");
        failed.NextAttemptAt.ShouldBe(firstTry.AddSeconds(60));
        stillWaiting.Attempts.ShouldBe(1);
        host.Smtp.MessagesTo(accepted).ShouldHaveSingleItem();
        host.Smtp.MessagesTo(refused).ShouldHaveSingleItem();
        var delivered = (await host.NotificationsForAsync(scene.Leader.Id)).Single();
        delivered.Attempts.ShouldBe(2);
        delivered.SentAt.ShouldBe(firstTry.AddSeconds(61));
        delivered.LastError.ShouldBeNull();
    }

    [Fact]
    public async Task Delivery_RefusedEveryTime_GivesUpAfterMaxAttemptsButStaysInApp()
    {
        var scene = await Factory.ArrangeGoalSceneAsync();
        host.Smtp.RejectedRecipients[await host.EmailOfAsync(scene.Leader.Id)] = true;
        host.Advance(TimeSpan.FromDays(15));

        await host.RunAndDeliverAsync<CheckInReminderJob>();
        host.Advance(TimeSpan.FromSeconds(60));
        var secondTryAt = Factory.Clock.GetUtcNow().UtcDateTime;
        await host.RunJobAsync<NotificationDeliveryJob>();
        var secondTry = (await host.NotificationsForAsync(scene.Leader.Id)).Single();
        host.Advance(TimeSpan.FromSeconds(120));
        await host.RunJobAsync<NotificationDeliveryJob>();
        host.Smtp.RejectedRecipients.Clear();
        host.Advance(TimeSpan.FromHours(1));
        await host.RunJobAsync<NotificationDeliveryJob>();

        secondTry.Attempts.ShouldBe(2);
        secondTry.NextAttemptAt.ShouldBe(secondTryAt.AddSeconds(120));
        var given = (await host.NotificationsForAsync(scene.Leader.Id)).Single();
        given.Attempts.ShouldBe(3);
        given.FailedAt.ShouldNotBeNull();
        given.NextAttemptAt.ShouldBeNull();
        host.Smtp.Messages.ShouldBeEmpty();
        var page = (await (await scene.Leader.Client.GetAsync("/api/me/notifications")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        var item = page["items"]!.AsArray().ShouldHaveSingleItem()!;
        item["delivery"]!.GetValue<string>().ShouldBe("Failed");
        item["subject"]!.GetValue<string>().ShouldBe("Påmindelse: 1 punkt(er) venter på en opfølgning");
        page["unreadCount"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task Delivery_UnusableAddress_IsRecordedAndTheNextRecipientStillGetsItsMail()
    {
        var scene = await Factory.ArrangeGoalSceneAsync();
        var colleague = await Factory.CreatePersonAsync("Kim Kollega", scene.Unit.Id, Role.Leader);
        await Factory.ArrangeKeyResultAsync(scene.GoalId, colleague.Id, title: "Nye cykelstier");
        await Factory.WithDbAsync(async db =>
        {
            (await db.People.SingleAsync(p => p.Id == scene.Leader.Id)).Email = "lone leder@@";
            return await db.SaveChangesAsync();
        });
        host.Advance(TimeSpan.FromDays(15));

        await host.RunAndDeliverAsync<CheckInReminderJob>();

        var broken = (await host.NotificationsForAsync(scene.Leader.Id)).ShouldHaveSingleItem();
        broken.SentAt.ShouldBeNull();
        broken.Attempts.ShouldBe(1);
        broken.LastError.ShouldNotBeNullOrWhiteSpace();
        broken.NextAttemptAt.ShouldNotBeNull();
        host.Smtp.MessagesTo(await host.EmailOfAsync(colleague.Id)).ShouldHaveSingleItem();
        (await host.NotificationsForAsync(colleague.Id)).ShouldHaveSingleItem().SentAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task Delivery_ServerUnreachable_RecordsTheFailureForALaterRetry()
    {
        var scene = await Factory.ArrangeGoalSceneAsync();
        host.Advance(TimeSpan.FromDays(15));
        await host.RunJobAsync<CheckInReminderJob>();

        await host.Smtp.DisposeAsync();
        await host.RunJobAsync<NotificationDeliveryJob>();
        var afterOutage = (await host.NotificationsForAsync(scene.Leader.Id)).Single();

        afterOutage.SentAt.ShouldBeNull();
        afterOutage.Attempts.ShouldBe(1);
        afterOutage.LastError.ShouldNotBeNull().ShouldContain("could not be used");
        afterOutage.NextAttemptAt.ShouldNotBeNull();
    }
}
