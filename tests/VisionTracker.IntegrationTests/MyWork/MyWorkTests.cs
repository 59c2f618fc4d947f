using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.MyWork;

/// <summary>The start page's read (/api/me/work), the vision tree's filters, and the caller's own language, through HTTP.</summary>
public sealed class MyWorkTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    [Fact]
    public async Task GetMyWork_AfterACheckIn_ShowsTheKeyResultWithTheFiguresOfItsGoalAndTheme()
    {
        var unit = await factory.CreateUnitAsync("Teknik og Miljø");
        var leader = await factory.CreatePersonAsync("Lene Leder", unit.Id, Role.Leader);
        var other = await factory.CreatePersonAsync("Ole Anden", unit.Id, Role.Leader);
        var plan = await factory.ArrangePlanningAsync();
        var goal = (await (await leader.Client.PostJsonAsync("/api/goals", new
        {
            periodId = plan.PeriodId,
            ownerUnitId = unit.Id,
            title = "Flere cykler",
            citizenValue = "Renere luft",
            coCreationLevel = "None",
            greenTransition = true,
        })).ShouldHaveStatusAsync(HttpStatusCode.Created))!.Id();
        await (await leader.Client.PutJsonAsync($"/api/goals/{goal}/themes/{plan.ThemeIds[0]}", new { rationale = "Mindre CO2" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var kr = (await (await leader.Client.PostJsonAsync($"/api/goals/{goal}/key-results", new { title = "Cykelture", metricKind = "Number", startValue = 0, targetValue = 200 }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created))!["keyResult"]!.Id();
        await (await leader.Client.PostJsonAsync($"/api/goals/{goal}/state", new { state = "Active" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await leader.Client.PostJsonAsync($"/api/key-results/{kr}/check-ins", new { value = 50, confidence = 0.8, note = "Godt i gang" })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        var work = (await (await leader.Client.GetAsync("/api/me/work")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        var others = (await (await other.Client.GetAsync("/api/me/work")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;

        var item = work["keyResults"]!.AsArray().Single()!;
        item["keyResult"]!.Id().ShouldBe(kr);
        item["figures"]!["progress"]!.GetValue<double>().ShouldBe(0.25, 1e-9);
        item["goalFigures"]!["progress"]!.GetValue<double>().ShouldBe(0.25, 1e-9);
        var theme = item["themes"]!.AsArray().Single()!;
        theme["themeId"]!.GetValue<Guid>().ShouldBe(plan.ThemeIds[0]);
        theme["figures"]!["progress"]!.GetValue<double>().ShouldBe(0.25, 1e-9);
        others["keyResults"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task GetMyWork_ListsOpenActionsByGoalWithOverdueMarked()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        await scene.Leader.Client.CreateActionAsync(scene.GoalId, title: "For sent", dueDate: "2027-03-01");
        await scene.Leader.Client.CreateActionAsync(scene.GoalId, title: "Snart", dueDate: "2027-03-16");

        var work = (await (await scene.Leader.Client.GetAsync("/api/me/work")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;

        var actions = work["actionGroups"]!.AsArray().Single()!["actions"]!.AsArray();
        actions.Select(a => a!["title"]!.GetValue<string>()).ShouldBe(["For sent", "Snart"]);
        actions[0]!["isOverdue"]!.GetValue<bool>().ShouldBeTrue();
        actions[1]!["isOverdue"]!.GetValue<bool>().ShouldBeFalse();
        actions[1]!["isDueSoon"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task GetVisionTree_FilteredByUnitAndGreenTransition_KeepsThoseGoalsAndCutsTheThemeFigures()
    {
        var plan = await factory.ArrangePlanningAsync(year: 2031);
        var tm = await factory.CreateUnitAsync("Teknik og Miljø");
        var bu = await factory.CreateUnitAsync("Børn og Unge");
        var head = await factory.CreatePersonAsync("Admin af alt", factory.RootUnitId, Role.DepartmentHead);
        var green = await ActiveGoalAsync(head.Client, plan, tm.Id, "Grønt mål", true, 100);
        var plain = await ActiveGoalAsync(head.Client, plan, tm.Id, "Almindeligt mål", false, 0);
        var elsewhere = await ActiveGoalAsync(head.Client, plan, bu.Id, "Andet sted", true, 50);

        var all = (await (await head.Client.GetAsync($"/api/vision/tree?periodId={plan.PeriodId}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        var inTm = (await (await head.Client.GetAsync($"/api/vision/tree?periodId={plan.PeriodId}&unitId={tm.Id}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        var greenInTm = (await (await head.Client.GetAsync($"/api/vision/tree?periodId={plan.PeriodId}&unitId={tm.Id}&greenTransition=true")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;

        Goals(all).ShouldBe([elsewhere, green, plain], ignoreOrder: true);
        Goals(inTm).ShouldBe([green, plain], ignoreOrder: true);
        Goals(greenInTm).ShouldBe([green]);
        var theme = (JsonNode node) => node["themes"]!.AsArray().Single(t => t!["id"]!.GetValue<Guid>() == plan.ThemeIds[0])!;
        theme(all)["isCut"]!.GetValue<bool>().ShouldBeFalse();
        theme(all)["figures"]!["progress"]!.GetValue<double>().ShouldBe(0.5, 1e-9);
        theme(inTm)["figures"]!["progress"]!.GetValue<double>().ShouldBe(0.5, 1e-9);
        theme(greenInTm)["isCut"]!.GetValue<bool>().ShouldBeTrue();
        theme(greenInTm)["figures"]!["progress"]!.GetValue<double>().ShouldBe(1, 1e-9);
        theme(greenInTm)["goalCount"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task PutMyCulture_StoresTheLanguage_AndRefusesAnUnknownOne()
    {
        var unit = await factory.CreateUnitAsync("Kultur og Borgerservice");
        var leader = await factory.CreatePersonAsync("Emil Engelsk", unit.Id, Role.Leader);

        var ok = await leader.Client.PutJsonAsync("/api/me/culture", new { culture = "en" });
        var bad = await leader.Client.PutJsonAsync("/api/me/culture", new { culture = "fr" });

        ok.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await bad.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await (await leader.Client.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK))!["culture"]!.GetValue<string>().ShouldBe("en");
    }

    [Fact]
    public async Task GetMyCheckInsDue_ListsWhatHasNoCheckInWithinTheUnitsCadence_AndTheCheckInAnswerCarriesTheNewFigures()
    {
        var scene = await factory.ArrangeGoalSceneAsync("Sundhed og Omsorg");
        var fresh = await factory.ArrangeKeyResultAsync(scene.GoalId, scene.Leader.Id, title: "Frisk");
        var plan = await factory.ArrangePlanningAsync();
        await (await scene.Leader.Client.PutJsonAsync($"/api/goals/{scene.GoalId}/themes/{plan.ThemeIds[1]}", new { rationale = "Trivsel" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var twentyDaysAgo = factory.Clock.GetUtcNow().UtcDateTime.AddDays(-20);
        await factory.WithDbAsync(db => db.KeyResults.Where(k => k.Id == scene.KeyResultId).ExecuteUpdateAsync(u => u.SetProperty(k => k.CreatedAt, twentyDaysAgo)));

        var answer = (await (await scene.Leader.Client.PostJsonAsync($"/api/key-results/{fresh}/check-ins", new { value = 50, confidence = 0.8, note = "" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created))!;
        var due = (await (await scene.Leader.Client.GetAsync("/api/me/check-ins-due")).ShouldHaveStatusAsync(HttpStatusCode.OK))!.AsArray();
        var work = (await (await scene.Leader.Client.GetAsync("/api/me/work")).ShouldHaveStatusAsync(HttpStatusCode.OK))!["keyResults"]!.AsArray();
        await factory.WithDbAsync(db => db.OrgUnits.Where(u => u.Id == scene.Unit.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.CheckInCadenceDays, 30)));
        var dueMonthly = (await (await scene.Leader.Client.GetAsync("/api/me/check-ins-due")).ShouldHaveStatusAsync(HttpStatusCode.OK))!.AsArray();

        answer["figures"]!["subject"]!["progress"]!.GetValue<double>().ShouldBe(0.25, 1e-9);
        answer["figures"]!["goal"]!["progress"]!.GetValue<double>().ShouldBe(0.125, 1e-9);
        answer["figures"]!["themes"]!.AsArray().Single()!["themeId"]!.GetValue<Guid>().ShouldBe(plan.ThemeIds[1]);
        due.Select(k => k!["keyResult"]!.Id()).ShouldBe([scene.KeyResultId]);
        due[0]!["checkInEveryDays"]!.GetValue<int>().ShouldBe(14);
        work.Select(k => (k!["keyResult"]!.Id(), k["needsCheckIn"]!.GetValue<bool>())).ShouldBe([(scene.KeyResultId, true), (fresh, false)]);
        dueMonthly.ShouldBeEmpty();
    }

    [Fact]
    public async Task MyWork_StaleIsTheConfiguredLimitEverywhere_WhileNeedsCheckInFollowsTheUnitsCadence()
    {
        var scene = await factory.ArrangeGoalSceneAsync("Børn og Unge");
        var monthly = await factory.ArrangeKeyResultAsync(scene.GoalId, scene.Leader.Id, title: "Månedlig");
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await factory.WithDbAsync(db => db.KeyResults.Where(k => k.Id == monthly).ExecuteUpdateAsync(u => u.SetProperty(k => k.CreatedAt, now.AddDays(-20))));
        await factory.WithDbAsync(db => db.KeyResults.Where(k => k.Id == scene.KeyResultId).ExecuteUpdateAsync(u => u.SetProperty(k => k.CreatedAt, now.AddDays(-10))));

        await factory.WithDbAsync(db => db.OrgUnits.Where(u => u.Id == scene.Unit.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.CheckInCadenceDays, 30)));
        var underMonthlyCadence = await WorkAsync(scene.Leader);
        var subtreeUnderMonthly = await SubtreeListsAsync(scene);
        await factory.WithDbAsync(db => db.OrgUnits.Where(u => u.Id == scene.Unit.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.CheckInCadenceDays, 7)));
        var underWeeklyCadence = await WorkAsync(scene.Leader);
        var subtreeUnderWeekly = await SubtreeListsAsync(scene);

        underMonthlyCadence[monthly].ShouldBe((IsStale: true, NeedsCheckIn: false));
        underMonthlyCadence[scene.KeyResultId].ShouldBe((IsStale: false, NeedsCheckIn: false));
        underWeeklyCadence[monthly].ShouldBe((IsStale: true, NeedsCheckIn: true));
        underWeeklyCadence[scene.KeyResultId].ShouldBe((IsStale: false, NeedsCheckIn: true));
        subtreeUnderMonthly.Stale.ShouldBe([(monthly, 14)]);
        subtreeUnderMonthly.NeedingCheckIn.ShouldBeEmpty();
        subtreeUnderMonthly.Overview.ShouldBe([monthly]);
        subtreeUnderWeekly.Stale.ShouldBe([(monthly, 14)]);
        subtreeUnderWeekly.NeedingCheckIn.ShouldBe([(monthly, 7), (scene.KeyResultId, 7)]);
        subtreeUnderWeekly.Overview.ShouldBe([monthly]);
    }

    private static async Task<(List<(Guid, int)> Stale, List<(Guid, int)> NeedingCheckIn, List<Guid> Overview)> SubtreeListsAsync(GoalScene scene)
    {
        async Task<List<(Guid, int)>> ListAsync(string list) =>
            [.. (await (await scene.Leader.Client.GetAsync($"/api/org-units/{scene.Unit.Id}/{list}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!.AsArray()
                .Select(k => (k!["keyResultId"]!.GetValue<Guid>(), k["limitDays"]!.GetValue<int>()))];
        var overview = (await (await scene.Leader.Client.GetAsync($"/api/org-units/{scene.Unit.Id}/overview?periodId={scene.PeriodId}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        return (await ListAsync("stale-key-results"), await ListAsync("key-results-needing-check-in"),
            [.. overview["staleKeyResults"]!.AsArray().Select(k => k!["keyResultId"]!.GetValue<Guid>())]);
    }

    private static async Task<Dictionary<Guid, (bool IsStale, bool NeedsCheckIn)>> WorkAsync(TestPerson leader) =>
        (await (await leader.Client.GetAsync("/api/me/work")).ShouldHaveStatusAsync(HttpStatusCode.OK))!["keyResults"]!.AsArray()
            .ToDictionary(k => k!["keyResult"]!.Id(), k => (k!["keyResult"]!["isStale"]!.GetValue<bool>(), k["needsCheckIn"]!.GetValue<bool>()));

    [Fact]
    public async Task GetStaleKeyResults_OfADepartment_ListsItsSubtreesUncheckedKeyResultsOnly()
    {
        var department = await factory.CreateUnitAsync("Kultur og Borgerservice");
        var library = await factory.CreateUnitAsync("Hovedbiblioteket", department.Id, OrgUnitKind.Division);
        var head = await factory.CreatePersonAsync("Dorte Direktør", department.Id, Role.DepartmentHead);
        var leader = await factory.CreatePersonAsync("Lars Leder", library.Id, Role.Leader);
        var periodId = await factory.ArrangePeriodAsync();
        var goal = await factory.ArrangeGoalAsync(periodId, library.Id, leader.Id, "Flere lånere");
        var stale = await factory.ArrangeKeyResultAsync(goal, leader.Id, title: "Udlån");
        var checkedIn = await factory.ArrangeKeyResultAsync(goal, leader.Id, title: "Arrangementer");
        var elsewhere = await factory.ArrangeGoalSceneAsync("Borgmesterens Afdeling");
        var longAgo = factory.Clock.GetUtcNow().UtcDateTime.AddDays(-15);
        await factory.WithDbAsync(db => db.KeyResults.Where(k => k.Id == stale || k.Id == checkedIn || k.Id == elsewhere.KeyResultId)
            .ExecuteUpdateAsync(u => u.SetProperty(k => k.CreatedAt, longAgo)));
        await (await leader.Client.PostJsonAsync($"/api/key-results/{checkedIn}/check-ins", new { value = 10, confidence = 0.6, note = "" })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        var list = (await (await head.Client.GetAsync($"/api/org-units/{department.Id}/stale-key-results")).ShouldHaveStatusAsync(HttpStatusCode.OK))!.AsArray();
        var forLeader = await leader.Client.GetAsync($"/api/org-units/{department.Id}/stale-key-results");

        list.Select(k => k!["keyResultId"]!.GetValue<Guid>()).ShouldBe([stale]);
        list[0]!["unitName"]!.GetValue<string>().ShouldBe("Hovedbiblioteket");
        list[0]!["ownerName"]!.GetValue<string>().ShouldBe("Lars Leder");
        forLeader.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetAlignmentReview_WithoutAPeriod_ReadsTheActiveOne_AndAHeadsOwnGoalCannotBeReviewedByThem()
    {
        var plan = await factory.ArrangePlanningAsync(year: 2039);
        var department = await factory.CreateUnitAsync("Sociale Forhold og Beskæftigelse");
        var head = await factory.CreatePersonAsync("Hanne Chef", department.Id, Role.DepartmentHead);
        var leader = await factory.CreatePersonAsync("Lea Leder", department.Id, Role.Leader);
        var own = await factory.ArrangeGoalAsync(plan.PeriodId, department.Id, head.Id, "Chefens eget mål");
        var theirs = await factory.ArrangeGoalAsync(plan.PeriodId, department.Id, leader.Id, "Lederens mål");
        foreach (var (client, goal) in new[] { (head.Client, own), (leader.Client, theirs) })
        {
            await (await client.PutJsonAsync($"/api/goals/{goal}/themes/{plan.ThemeIds[0]}", new { rationale = "Passer" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        var list = (await (await head.Client.GetAsync("/api/goals/alignment-review")).ShouldHaveStatusAsync(HttpStatusCode.OK))!["items"]!.AsArray();
        var overview = (await (await head.Client.GetAsync($"/api/org-units/{department.Id}/overview?periodId={plan.PeriodId}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;

        list.Select(r => (r!["goalId"]!.GetValue<Guid>(), r["canReview"]!.GetValue<bool>())).ShouldBe([(own, false), (theirs, true)], ignoreOrder: true);
        overview["reviews"]!.AsArray().Select(r => (r!["goalId"]!.GetValue<Guid>(), r["canReview"]!.GetValue<bool>())).ShouldBe([(own, false), (theirs, true)], ignoreOrder: true);
    }

    private static List<Guid> Goals(JsonNode tree) =>
        [.. tree["themes"]!.AsArray().SelectMany(t => t!["goals"]!.AsArray()).Concat(tree["unalignedGoals"]!.AsArray()).Select(g => g!.Id()).Distinct()];

    private static async Task<Guid> ActiveGoalAsync(HttpClient client, PlanningSetup plan, Guid unitId, string title, bool green, double value)
    {
        var goal = (await (await client.PostJsonAsync("/api/goals", new
        {
            periodId = plan.PeriodId,
            ownerUnitId = unitId,
            title,
            citizenValue = "Borgerne",
            coCreationLevel = "None",
            greenTransition = green,
        })).ShouldHaveStatusAsync(HttpStatusCode.Created))!.Id();
        await (await client.PutJsonAsync($"/api/goals/{goal}/themes/{plan.ThemeIds[0]}", new { rationale = "Passer til temaet" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var kr = (await (await client.PostJsonAsync($"/api/goals/{goal}/key-results", new { title = "Tal", metricKind = "Number", startValue = 0, targetValue = 100 }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created))!["keyResult"]!.Id();
        await (await client.PostJsonAsync($"/api/goals/{goal}/state", new { state = "Active" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await client.PostJsonAsync($"/api/key-results/{kr}/check-ins", new { value, confidence = 0.8, note = "" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        return goal;
    }
}
