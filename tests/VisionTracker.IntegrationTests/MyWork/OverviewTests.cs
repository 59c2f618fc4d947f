using System.Net;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.MyWork;

/// <summary>The department overview, a goal's history and a goal's permissions, through HTTP.</summary>
public sealed class OverviewTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    [Fact]
    public async Task GetOverview_ShowsReviewsMatrixGapsAndCollaborationsBothWays()
    {
        var plan = await factory.ArrangePlanningAsync(year: 2032);
        var tm = await factory.CreateUnitAsync("Teknik og Miljø");
        var bu = await factory.CreateUnitAsync("Børn og Unge");
        var head = await factory.CreatePersonAsync("Dorte Direktør", tm.Id, Role.DepartmentHead);
        var other = await factory.CreatePersonAsync("Bo Børn", bu.Id, Role.DepartmentHead);
        var leader = await factory.CreatePersonAsync("Lene Leder", tm.Id, Role.Leader);
        var goal = await GoalAsync(leader.Client, plan.PeriodId, tm.Id, "Flere cykler");
        await (await leader.Client.PutJsonAsync($"/api/goals/{goal}/themes/{plan.ThemeIds[0]}", new { rationale = "Mindre CO2" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var kr = (await (await leader.Client.PostJsonAsync($"/api/goals/{goal}/key-results", new { title = "Cykelture", metricKind = "Number", startValue = 0, targetValue = 10 }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created))!["keyResult"]!.Id();
        await (await leader.Client.PostJsonAsync($"/api/goals/{goal}/state", new { state = "Active" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var orphan = await GoalAsync(leader.Client, plan.PeriodId, tm.Id, "Uden tema");
        await (await leader.Client.PostJsonAsync($"/api/goals/{goal}/collaborations", new { kind = "CrossUnit", partnerUnitId = bu.Id, description = "Skoleveje" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        var theirs = await GoalAsync(other.Client, plan.PeriodId, bu.Id, "Trygge skoleveje");
        await (await other.Client.PostJsonAsync($"/api/goals/{theirs}/collaborations", new { kind = "CrossUnit", partnerUnitId = tm.Id, description = "Cykelstier" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        factory.Clock.Advance(TimeSpan.FromDays(20));

        var overview = (await (await head.Client.GetAsync($"/api/org-units/{tm.Id}/overview?periodId={plan.PeriodId}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        var asLeader = (await (await leader.Client.GetAsync($"/api/org-units/{tm.Id}/overview?periodId={plan.PeriodId}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        var outside = await other.Client.GetAsync($"/api/org-units/{tm.Id}/overview?periodId={plan.PeriodId}");

        overview["canReview"]!.GetValue<bool>().ShouldBeTrue();
        asLeader["canReview"]!.GetValue<bool>().ShouldBeFalse();
        await outside.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        var review = overview["reviews"]!.AsArray().Single()!;
        review["goalId"]!.GetValue<Guid>().ShouldBe(goal);
        review["reviewState"]!.GetValue<string>().ShouldBe("Proposed");
        var rows = overview["goals"]!.AsArray();
        rows.Single(r => r!["goalId"]!.GetValue<Guid>() == goal)!["alignments"]![plan.ThemeIds[0].ToString()]!.GetValue<string>().ShouldBe("Proposed");
        rows.Single(r => r!["goalId"]!.GetValue<Guid>() == orphan)!["isOrphan"]!.GetValue<bool>().ShouldBeTrue();
        overview["keyResultsWithoutActions"]!.AsArray().Single()!["keyResultId"]!.GetValue<Guid>().ShouldBe(kr);
        overview["staleKeyResults"]!.AsArray().Single()!["keyResultId"]!.GetValue<Guid>().ShouldBe(kr);
        overview["peopleNotCheckedIn"]!.AsArray().Single()!["personId"]!.GetValue<Guid>().ShouldBe(leader.Id);
        overview["collaborationsOut"]!.AsArray().Single()!["partner"]!.GetValue<string>().ShouldBe("Børn og Unge");
        var incoming = overview["collaborationsIn"]!.AsArray().Single()!;
        incoming["goalUnitName"]!.GetValue<string>().ShouldBe("Børn og Unge");
        incoming["goalTitle"].ShouldBeNull();
        theirs.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task GoalHistoryAndPermissions_FollowCheckInsAndRoles()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var viewer = await factory.CreatePersonAsync("Vera Viewer", scene.Unit.Id, Role.Viewer);
        await (await scene.Leader.Client.PostJsonAsync($"/api/key-results/{scene.KeyResultId}/check-ins", new { value = 50, confidence = 0.8, note = "" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);

        var history = (await (await scene.Leader.Client.GetAsync($"/api/goals/{scene.GoalId}/history")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        var mine = (await (await scene.Leader.Client.GetAsync($"/api/goals/{scene.GoalId}/permissions")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        var theirs = (await (await viewer.Client.GetAsync($"/api/goals/{scene.GoalId}/permissions")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;

        var point = history["keyResults"]!.AsArray().Single()!["points"]!.AsArray().Single()!;
        point["fromCheckIn"]!.GetValue<bool>().ShouldBeTrue();
        point["progress"]!.GetValue<double>().ShouldBeGreaterThan(0);
        mine["canEdit"]!.GetValue<bool>().ShouldBeTrue();
        mine["keyResultsToCheckIn"]!.AsArray().Single()!.GetValue<Guid>().ShouldBe(scene.KeyResultId);
        mine["canArchive"]!.GetValue<bool>().ShouldBeTrue();
        mine["keyResultsToEdit"]!.AsArray().Single()!.GetValue<Guid>().ShouldBe(scene.KeyResultId);
        theirs["canEdit"]!.GetValue<bool>().ShouldBeFalse();
        theirs["canAddActions"]!.GetValue<bool>().ShouldBeFalse();
        theirs["canArchive"]!.GetValue<bool>().ShouldBeFalse();
        theirs["keyResultsToCheckIn"]!.AsArray().ShouldBeEmpty();
        theirs["keyResultsToEdit"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task GetFamily_NamesTheParentAndTheSubGoals()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var child = await factory.ArrangeGoalAsync(scene.PeriodId, scene.Unit.Id, scene.Leader.Id, "Delmål: cykelstier");
        await (await scene.Leader.Client.PutJsonAsync($"/api/goals/{child}/parent", new { parentGoalId = scene.GoalId })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var ofParent = (await (await scene.Leader.Client.GetAsync($"/api/goals/{scene.GoalId}/family")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        var ofChild = (await (await scene.Leader.Client.GetAsync($"/api/goals/{child}/family")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;

        ofParent["parent"].ShouldBeNull();
        ofParent["children"]!.AsArray().Single()!["title"]!.GetValue<string>().ShouldBe("Delmål: cykelstier");
        ofChild["parent"]!["id"]!.GetValue<Guid>().ShouldBe(scene.GoalId);
        ofChild["children"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task GetLinkChoices_OffersParentsAtOrAboveTheUnitButNoSubGoal_AndEveryOtherLiveGoalAsPartner()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var sibling = await factory.ArrangeGoalAsync(scene.PeriodId, scene.Unit.Id, scene.Leader.Id, "A: søstermål");
        var child = await factory.ArrangeGoalAsync(scene.PeriodId, scene.Unit.Id, scene.Leader.Id, "B: delmål");
        var archived = await factory.ArrangeGoalAsync(scene.PeriodId, scene.Unit.Id, scene.Leader.Id, "C: arkiveret");
        await (await scene.Leader.Client.PutJsonAsync($"/api/goals/{child}/parent", new { parentGoalId = scene.GoalId })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await scene.Leader.Client.PostAsync($"/api/goals/{archived}/archive", null)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var choices = (await (await scene.Leader.Client.GetAsync($"/api/goals/{scene.GoalId}/link-choices")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        var placed = await scene.Leader.Client.PutJsonAsync($"/api/goals/{scene.GoalId}/parent", new { parentGoalId = child });

        choices["parents"]!.AsArray().Select(g => g!["id"]!.GetValue<Guid>()).ShouldBe([sibling]);
        choices["partners"]!.AsArray().Select(g => g!["id"]!.GetValue<Guid>()).ShouldBe([sibling, child]);
        choices["partners"]![0]!["unitName"]!.GetValue<string>().ShouldBe(scene.Unit.Name);
        await placed.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
    }

    private static async Task<Guid> GoalAsync(HttpClient client, Guid periodId, Guid unitId, string title) =>
        (await (await client.PostJsonAsync("/api/goals", new { periodId, ownerUnitId = unitId, title, citizenValue = "Borgerne", coCreationLevel = "None", greenTransition = false }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created))!.Id();
}
