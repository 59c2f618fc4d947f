using System.Net;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Notifications;
using VisionTracker.Domain.Organisation;
using VisionTracker.Infrastructure.Jobs;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Notifications;

[LongRunning]
public sealed class CheckInReminderTests : IAsyncLifetime
{
    private NotificationHost host = null!;

    private VisionTrackerFactory Factory => host.Factory;

    public async Task InitializeAsync() => host = await NotificationHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task CheckInReminder_StaleKeyResult_SendsExactlyOneDanishEmailToItsOwner()
    {
        var scene = await Factory.ArrangeGoalSceneAsync();
        host.Advance(TimeSpan.FromDays(15));

        await host.RunAndDeliverAsync<CheckInReminderJob>();

        var message = host.Smtp.Messages.ShouldHaveSingleItem();
        message.To.Mailboxes.ShouldHaveSingleItem().Address.ShouldBe(await host.EmailOfAsync(scene.Leader.Id));
        message.From.Mailboxes.ShouldHaveSingleItem().Address.ShouldBe("visiontracker@aarhus.dk");
        message.Subject.ShouldBe("Påmindelse: 1 punkt(er) venter på en opfølgning");
        message.TextBody.ShouldContainExactly("Hej Lone Leder");
        message.TextBody.ShouldContainExactly("Nøgleresultat: Cykelture (mål: Flere cyklister i Aarhus) - seneste opfølgning: aldrig, aftalt hver 14. dag");
        message.HtmlBody.ShouldContainExactly($"<a href=\"{NotificationHost.PublicBaseUrl}/goals/{scene.GoalId}#kr-{scene.KeyResultId}\">");
        var stored = (await host.NotificationsForAsync(scene.Leader.Id)).ShouldHaveSingleItem();
        stored.Kind.ShouldBe(NotificationKind.StaleCheckIn);
        stored.DeduplicationKey.ShouldBe($"checkin:{scene.Leader.Id}:2027-W13");
        stored.SentAt.ShouldBe(Factory.Clock.GetUtcNow().UtcDateTime);
        stored.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task CheckInReminder_EnglishOwner_GetsEnglishPlainTextAndEncodedHtml()
    {
        var unit = await Factory.CreateUnitAsync("Kultur og Borgerservice");
        var leader = await Factory.CreatePersonAsync("Liam Leader", unit.Id, Role.Leader, culture: "en");
        var period = await Factory.ArrangePeriodAsync();
        var goal = await Factory.ArrangeGoalAsync(period, unit.Id, leader.Id, title: "Libraries & <citizens>");
        await Factory.ArrangeKeyResultAsync(goal, leader.Id, title: "<b>Visits</b> & loans");
        host.Advance(TimeSpan.FromDays(20));

        await host.RunAndDeliverAsync<CheckInReminderJob>();

        var message = host.Smtp.MessagesTo(await host.EmailOfAsync(leader.Id)).ShouldHaveSingleItem();
        message.Subject.ShouldBe("Reminder: 1 item(s) waiting for a check-in");
        message.Body.ShouldNotBeNull().ContentType.MimeType.ShouldBe("multipart/alternative");
        message.TextBody.ShouldContainExactly("Hi Liam Leader");
        message.TextBody.ShouldContainExactly("Key result: <b>Visits</b> & loans (goal: Libraries & <citizens>) - last check-in: never, agreed every 14 days");
        message.HtmlBody.ShouldContainExactly("Key result: &lt;b&gt;Visits&lt;/b&gt; &amp; loans (goal: Libraries &amp; &lt;citizens&gt;)");
        message.HtmlBody.ShouldNotContainExactly("<b>Visits");
        message.HtmlBody.ShouldNotContainExactly("<citizens>");
    }

    [Fact]
    public async Task CheckInReminder_RunTwiceInAWeek_SendsNothingMoreUntilTheNextWeek()
    {
        var scene = await Factory.ArrangeGoalSceneAsync();
        host.Advance(TimeSpan.FromDays(15));

        await host.RunAndDeliverAsync<CheckInReminderJob>();
        await host.RunAndDeliverAsync<CheckInReminderJob>();
        host.Advance(TimeSpan.FromDays(1));
        await host.RunAndDeliverAsync<CheckInReminderJob>();
        var sameWeek = host.Smtp.Messages.Count;
        host.Advance(TimeSpan.FromDays(6));
        await host.RunAndDeliverAsync<CheckInReminderJob>();

        sameWeek.ShouldBe(1);
        host.Smtp.Messages.Count.ShouldBe(2);
        (await host.NotificationsForAsync(scene.Leader.Id)).Select(n => n.DeduplicationKey)
            .ShouldBe([$"checkin:{scene.Leader.Id}:2027-W13", $"checkin:{scene.Leader.Id}:2027-W14"]);
    }

    [Fact]
    public async Task CheckInReminder_RecentCheckIn_SuppressesTheReminderButNotOthers()
    {
        var scene = await Factory.ArrangeGoalSceneAsync();
        var colleague = await Factory.CreatePersonAsync("Kim Kollega", scene.Unit.Id, Role.Leader);
        await Factory.ArrangeKeyResultAsync(scene.GoalId, colleague.Id, title: "Nye cykelstier");
        host.Advance(TimeSpan.FromDays(15));
        var checkIn = await scene.Leader.Client.PostJsonAsync($"/api/key-results/{scene.KeyResultId}/check-ins", new { value = 40, confidence = 0.8, note = "Godt i gang" });
        await checkIn.ShouldHaveStatusAsync(HttpStatusCode.Created);

        await host.RunAndDeliverAsync<CheckInReminderJob>();

        (await host.NotificationsForAsync(scene.Leader.Id)).ShouldBeEmpty();
        host.Smtp.MessagesTo(await host.EmailOfAsync(scene.Leader.Id)).ShouldBeEmpty();
        var message = host.Smtp.MessagesTo(await host.EmailOfAsync(colleague.Id)).ShouldHaveSingleItem();
        message.TextBody.ShouldContainExactly("Nye cykelstier");
        message.TextBody.ShouldNotContainExactly("Cykelture");
    }

    [Fact]
    public async Task CheckInReminder_CadenceOfAnAncestorUnit_IsInheritedDownTheTree()
    {
        var department = await Factory.CreateUnitAsync("Sundhed og Omsorg");
        await Factory.WithDbAsync(async db =>
        {
            (await db.OrgUnits.SingleAsync(u => u.Id == department.Id)).CheckInCadenceDays = 30;
            return await db.SaveChangesAsync();
        });
        var team = await Factory.CreateUnitAsync("Plejecenter Vest", department.Id, OrgUnitKind.Unit);
        var leader = await Factory.CreatePersonAsync("Pia Plejeleder", team.Id, Role.Leader);
        var period = await Factory.ArrangePeriodAsync();
        var goal = await Factory.ArrangeGoalAsync(period, team.Id, leader.Id);
        await Factory.ArrangeKeyResultAsync(goal, leader.Id);

        host.Advance(TimeSpan.FromDays(20));
        await host.RunAndDeliverAsync<CheckInReminderJob>();
        var after20Days = host.Smtp.Messages.Count;
        host.Advance(TimeSpan.FromDays(11));
        await host.RunAndDeliverAsync<CheckInReminderJob>();

        after20Days.ShouldBe(0);
        host.Smtp.MessagesTo(await host.EmailOfAsync(leader.Id)).ShouldHaveSingleItem().TextBody.ShouldContainExactly("aftalt hver 30. dag");
    }

    [Fact]
    public async Task CheckInReminder_InactiveOwner_GetsNothing()
    {
        var scene = await Factory.ArrangeGoalSceneAsync();
        await Factory.WithDbAsync(async db =>
        {
            (await db.People.SingleAsync(p => p.Id == scene.Leader.Id)).IsActive = false;
            return await db.SaveChangesAsync();
        });
        host.Advance(TimeSpan.FromDays(15));

        await host.RunAndDeliverAsync<CheckInReminderJob>();

        (await host.NotificationsForAsync(scene.Leader.Id)).ShouldBeEmpty();
        host.Smtp.Messages.ShouldBeEmpty();
    }
}
