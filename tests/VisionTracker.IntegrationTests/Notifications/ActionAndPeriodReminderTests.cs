using VisionTracker.Domain.Notifications;
using VisionTracker.Domain.Organisation;
using VisionTracker.Infrastructure.Jobs;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Notifications;

public sealed class ActionAndPeriodReminderTests : IAsyncLifetime
{
    private NotificationHost host = null!;

    private VisionTrackerFactory Factory => host.Factory;

    public async Task InitializeAsync() => host = await NotificationHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task OverdueReminder_AfterTwoWeeks_EscalatesToTheDepartmentHeadOverTheUnit()
    {
        var department = await Factory.CreateUnitAsync("Sundhed og Omsorg");
        var head = await Factory.CreatePersonAsync("Helen Head", department.Id, Role.DepartmentHead, culture: "en");
        var otherDepartment = await Factory.CreateUnitAsync("Børn og Unge");
        var otherHead = await Factory.CreatePersonAsync("Ole Anden", otherDepartment.Id, Role.DepartmentHead);
        var team = await Factory.CreateUnitAsync("Plejecenter Vest", department.Id, OrgUnitKind.Unit);
        var leader = await Factory.CreatePersonAsync("Lone Leder", team.Id, Role.Leader);
        var period = await Factory.ArrangePeriodAsync();
        var goal = await Factory.ArrangeGoalAsync(period, team.Id, leader.Id);
        var action = (await leader.Client.CreateActionAsync(goal, title: "Cykelkampagne", dueDate: "2027-03-20")).Id();

        host.Advance(TimeSpan.FromDays(7));
        await host.RunAndDeliverAsync<ActionOverdueReminderJob>();
        var headMailsAfterTwoDays = host.Smtp.MessagesTo(await host.EmailOfAsync(head.Id)).Count;
        host.Advance(TimeSpan.FromDays(14));
        await host.RunAndDeliverAsync<ActionOverdueReminderJob>();
        await host.RunAndDeliverAsync<ActionOverdueReminderJob>();

        headMailsAfterTwoDays.ShouldBe(0);
        var escalation = host.Smtp.MessagesTo(await host.EmailOfAsync(head.Id)).ShouldHaveSingleItem();
        escalation.Subject.ShouldBe("Overdue for 16 days: \"Cykelkampagne\" (Lone Leder)");
        escalation.TextBody.ShouldContainExactly("The action \"Cykelkampagne\" under the goal \"Flere cyklister i Aarhus\" in Plejecenter Vest is owned by Lone Leder. It was due on 20 March 2027 and is 16 days overdue.");
        escalation.HtmlBody.ShouldContainExactly($"{NotificationHost.PublicBaseUrl}/goals/{goal}#action-{action}");
        var ownerMails = host.Smtp.MessagesTo(await host.EmailOfAsync(leader.Id));
        ownerMails.Select(m => m.Subject).ShouldBe(["Handlingen \"Cykelkampagne\" er overskredet (frist 20. marts 2027)", "Handlingen \"Cykelkampagne\" er overskredet (frist 20. marts 2027)"]);
        ownerMails[1].TextBody.ShouldContainExactly("er overskredet med 16 dag(e)");
        host.Smtp.MessagesTo(await host.EmailOfAsync(otherHead.Id)).ShouldBeEmpty();
        (await host.NotificationsForAsync(head.Id)).ShouldHaveSingleItem().DeduplicationKey.ShouldBe($"overdue-escalation:{action}:{head.Id}:2027-W14");
    }

    [Fact]
    public async Task DueSoonReminder_ActionDueInThreeDays_RemindsTheOwnerOnce()
    {
        var scene = await Factory.ArrangeGoalSceneAsync();
        var soon = (await scene.Leader.Client.CreateActionAsync(scene.GoalId, title: "Åbn cykelværksted", dueDate: "2027-03-18")).Id();
        await scene.Leader.Client.CreateActionAsync(scene.GoalId, title: "Senere handling", dueDate: "2027-03-25");
        var done = (await scene.Leader.Client.CreateActionAsync(scene.GoalId, title: "Allerede færdig", dueDate: "2027-03-17")).Id();
        await scene.Leader.Client.PostJsonAsync($"/api/actions/{done}/state", new { state = "Done" });

        await host.RunAndDeliverAsync<ActionDueReminderJob>();
        await host.RunAndDeliverAsync<ActionDueReminderJob>();

        var message = host.Smtp.Messages.ShouldHaveSingleItem();
        message.Subject.ShouldBe("Handlingen \"Åbn cykelværksted\" skal være færdig 18. marts 2027");
        message.TextBody.ShouldContainExactly("(3 dag(e) fra i dag)");
        (await host.NotificationsForAsync(scene.Leader.Id)).ShouldHaveSingleItem().DeduplicationKey.ShouldBe($"due:{soon}:2027-03-18");
    }

    [Fact]
    public async Task PeriodClosingReminder_FourteenDaysBeforeTheEnd_TellsEachLeaderInThePeriodOnce()
    {
        var scene = await Factory.ArrangeGoalSceneAsync();
        var colleague = await Factory.CreatePersonAsync("Kim Kollega", scene.Unit.Id, Role.Leader, culture: "en");
        await colleague.Client.CreateActionAsync(scene.GoalId, title: "Bike count");
        var bystander = await Factory.CreatePersonAsync("Bo Udenfor", scene.Unit.Id, Role.Leader);

        host.Advance(TimeSpan.FromDays(90));
        await host.RunAndDeliverAsync<PeriodClosingReminderJob>();
        var before = host.Smtp.Messages.Count;
        host.Advance(TimeSpan.FromDays(8));
        await host.RunAndDeliverAsync<PeriodClosingReminderJob>();
        host.Advance(TimeSpan.FromDays(1));
        await host.RunAndDeliverAsync<PeriodClosingReminderJob>();

        before.ShouldBe(0);
        var leaderMail = host.Smtp.MessagesTo(await host.EmailOfAsync(scene.Leader.Id)).ShouldHaveSingleItem();
        leaderMail.Subject.ShouldStartWith("Perioden 2027 H1");
        leaderMail.Subject.ShouldEndWith("slutter 30. juni 2027");
        leaderMail.TextBody.ShouldContainExactly("Mål: Flere cyklister i Aarhus");
        var colleagueMail = host.Smtp.MessagesTo(await host.EmailOfAsync(colleague.Id)).ShouldHaveSingleItem();
        colleagueMail.Subject.ShouldEndWith("ends on 30 June 2027");
        colleagueMail.TextBody.ShouldContainExactly("Action: Bike count");
        colleagueMail.TextBody.ShouldNotContainExactly("Goal: Flere cyklister i Aarhus");
        (await host.NotificationsForAsync(bystander.Id)).ShouldBeEmpty();
        (await host.NotificationsForAsync(scene.Leader.Id)).ShouldHaveSingleItem().Kind.ShouldBe(NotificationKind.PeriodClosing);
    }
}
