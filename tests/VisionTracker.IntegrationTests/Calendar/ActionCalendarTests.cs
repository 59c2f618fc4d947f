using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ical.Net;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Calendar;

public sealed class ActionCalendarTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    [Fact]
    public async Task ActionsIcs_OwnFeedWithBasicAuth_HoldsExactlyTheOpenActionsWithDueDates()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var first = await scene.Leader.Client.CreateActionAsync(scene.GoalId, title: "Cykelkampagne", dueDate: "2027-04-01");
        var second = await scene.Leader.Client.CreateActionAsync(scene.GoalId, title: "Åbn værksted; \"nu\", med komma", dueDate: "2027-05-15");
        await scene.Leader.Client.CreateActionAsync(scene.GoalId, title: "Uden dato");
        var done = await scene.Leader.Client.CreateActionAsync(scene.GoalId, title: "Færdig", dueDate: "2027-04-02");
        await scene.Leader.Client.PostJsonAsync($"/api/actions/{done.Id()}/state", new { state = "Done" });
        var colleague = await factory.CreatePersonAsync("Kim Kollega", scene.Unit.Id, Role.Leader);
        await colleague.Client.CreateActionAsync(scene.GoalId, title: "Kollegas handling", dueDate: "2027-04-03");
        using var outlook = factory.CreateClient();
        outlook.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"lone@aarhus.dk:{scene.Leader.Token}")));

        var response = await outlook.GetAsync($"/api/people/{scene.Leader.Id}/actions.ics");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        response.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        var events = calendar.Events.OrderBy(e => e.DtStart!.Value).ToList();
        events.Select(e => e.Uid).ShouldBe([$"action-{first.Id()}@visiontracker", $"action-{second.Id()}@visiontracker"]);
        events.Select(e => e.Summary).ShouldBe(["Cykelkampagne", "Åbn værksted; \"nu\", med komma"]);
        events[0].DtStart!.HasTime.ShouldBeFalse();
        events[0].DtStart!.Date.ShouldBe(new DateOnly(2027, 4, 1));
        events[0].DtEnd!.Date.ShouldBe(new DateOnly(2027, 4, 2));
        events[0].Description.ShouldNotBeNull().ShouldContain("Flere cyklister i Aarhus", Case.Sensitive);
        events[0].LastModified.ShouldNotBeNull().Value.ShouldBe(factory.Clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task ActionsIcs_WithAPublicBaseUrl_LinksEachEventToTheActionOnItsGoalPage()
    {
        await using var linked = new VisionTrackerFactory { Settings = { ["App:PublicBaseUrl"] = "https://visiontracker.aarhus.dk/" } };
        await linked.InitializeAsync();
        var scene = await linked.ArrangeGoalSceneAsync();
        var action = await scene.Leader.Client.CreateActionAsync(scene.GoalId, title: "Cykelkampagne", dueDate: "2027-04-01");

        var response = await scene.Leader.Client.GetAsync($"/api/people/{scene.Leader.Id}/actions.ics");

        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        calendar.Events.ShouldHaveSingleItem().Url.ShouldBe(new Uri($"https://visiontracker.aarhus.dk/goals/{scene.GoalId}#action-{action.Id()}"));
    }

    [Fact]
    public async Task ActionsIcs_DepartmentHeadOverTheUnit_ReadsTheFeedAndOutsidersGet404()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var action = await scene.Leader.Client.CreateActionAsync(scene.GoalId, dueDate: "2027-04-01");
        var head = await factory.CreatePersonAsync("Dorte Direktør", scene.Unit.Id, Role.DepartmentHead);
        var elsewhere = await factory.CreateUnitAsync("Børn og Unge");
        var outsider = await factory.CreatePersonAsync("Ole Udenfor", elsewhere.Id, Role.DepartmentHead);

        var headFeed = await head.Client.GetAsync($"/api/people/{scene.Leader.Id}/actions.ics");
        var outsiderFeed = await outsider.Client.GetAsync($"/api/people/{scene.Leader.Id}/actions.ics");
        var unknown = await head.Client.GetAsync($"/api/people/{Guid.NewGuid()}/actions.ics");
        var anonymous = await factory.CreateClient().GetAsync($"/api/people/{scene.Leader.Id}/actions.ics");

        headFeed.StatusCode.ShouldBe(HttpStatusCode.OK);
        Ical.Net.Calendar.Load(await headFeed.Content.ReadAsStringAsync())!.Events.ShouldHaveSingleItem().Uid.ShouldBe($"action-{action.Id()}@visiontracker");
        await outsiderFeed.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        await unknown.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
