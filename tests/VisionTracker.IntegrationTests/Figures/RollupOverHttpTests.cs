using System.Net;
using System.Text.Json.Nodes;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Figures;

/// <summary>
/// A sequence of check-ins through the API, then the vision tree and unit figures read back over HTTP and compared
/// with values worked out by hand from the rules in domain.md.
/// </summary>
public sealed class RollupOverHttpTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private const double Tolerance = 1e-9;

    [Fact]
    public async Task CheckIns_RollUpThroughGoalsThemesAndUnits_AsWorkedOutByHand()
    {
        var department = await factory.CreateUnitAsync("Teknik og Miljø");
        var unit = await factory.CreateUnitAsync("Klima og Miljø", department.Id, Domain.Organisation.OrgUnitKind.Unit);
        var head = await factory.CreatePersonAsync("Dorte Direktør", department.Id, Role.DepartmentHead);
        var plan = await factory.ArrangePlanningAsync();
        var (green, children) = (plan.ThemeIds[0], plan.ThemeIds[1]);
        var client = head.Client;

        var parent = await GoalAsync(client, plan.PeriodId, department.Id, "P: Aarhus CO2-neutral", [children]);
        var a = await GoalAsync(client, plan.PeriodId, department.Id, "A: Flere cyklister", [green], parent);
        var b = await GoalAsync(client, plan.PeriodId, unit.Id, "B: Grønne skolegårde", [green, children], parent);
        var kr1 = await KeyResultAsync(client, a, new { title = "Cykelture", metricKind = "Number", startValue = 0, targetValue = 200 });
        var kr2 = await KeyResultAsync(client, a, new { title = "CO2 tons", metricKind = "Number", direction = "Decrease", startValue = 100, targetValue = 60, weight = 3 });
        var kr3 = await KeyResultAsync(client, b, new { title = "Plan vedtaget", metricKind = "YesNo" });
        var kr4 = await KeyResultAsync(client, b, new { title = "Skolegårde", metricKind = "Milestone", milestones = new[] { "1", "2", "3", "4" } });
        foreach (var goal in new[] { parent, a, b })
        {
            await (await client.PostJsonAsync($"/api/goals/{goal}/state", new { state = "Active" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        var done = await ActionAsync(client, a, kr1, "Cykelkampagne");
        var cancelled = await ActionAsync(client, a, kr1, "Droppet idé");

        await CheckInAsync(client, kr1, new { value = 50, confidence = 0.8, note = "Godt i gang" });
        await CheckInAsync(client, kr1, new { value = 120, confidence = 0.6, note = "Vinteren bremser" });
        await CheckInAsync(client, kr2, new { value = 90, confidence = 0.9, note = "Første effekt" });
        await CheckInAsync(client, kr3, new { value = 1, confidence = 0.5, note = "Vedtaget i byrådet" });
        var milestones = (await (await client.GetAsync($"/api/key-results/{kr4}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!["milestones"]!.AsArray();
        await CheckInAsync(client, kr4, new { milestoneIds = new[] { milestones[0]!["id"]!.GetValue<Guid>(), milestones[1]!["id"]!.GetValue<Guid>() }, confidence = 0.25, note = "To af fire" });
        await (await client.PostJsonAsync($"/api/actions/{done}/state", new { state = "Done" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await client.PostJsonAsync($"/api/actions/{cancelled}/state", new { state = "Cancelled" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // By hand: KR1 = 120/200 = 0.6; KR2 = (90-100)/(60-100) = 0.25; A = (0.6·1 + 0.25·3)/4 = 0.3375, confidence min(0.6, 0.9).
        // KR3 = 1; KR4 = 2/4; B = 0.75, confidence 0.25. P has no KRs: mean(A, B) = 0.54375, confidence min(0.6, 0.25).
        // Theme "green" = mean(A, B) = 0.54375; theme "children" = mean(B, P) = 0.646875.
        // Department subtree = mean(P, A, B) = 0.54375; unit = B = 0.75. Expected on 15 March 09:00 UTC: the period runs from
        // 00:00 Copenhagen on 1 January (31 Dec 23:00 UTC) to 24:00 on 30 June (22:00 UTC), 4,343 hours; 1,762 have gone by.
        const double goalA = 0.3375, goalB = 0.75, goalP = 0.54375;
        var tree = (await (await client.GetAsync($"/api/vision/tree?periodId={plan.PeriodId}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        var greenNode = Theme(tree, green);
        var childrenNode = Theme(tree, children);
        Progress(greenNode).ShouldBe((goalA + goalB) / 2, Tolerance);
        Progress(childrenNode).ShouldBe((goalB + goalP) / 2, Tolerance);
        Progress(tree).ShouldBe((goalA + goalB + goalP) / 3, Tolerance);
        tree["figures"]!["expectedProgress"]!.GetValue<double>().ShouldBe(1762.0 / 4343, Tolerance);

        var nodeA = Goal(greenNode, a);
        Progress(nodeA).ShouldBe(goalA, Tolerance);
        nodeA["figures"]!["confidence"]!.GetValue<double>().ShouldBe(0.6, Tolerance);
        nodeA["figures"]!["status"]!.GetValue<string>().ShouldBe("OnTrack");
        var kr1Node = nodeA["keyResults"]!.AsArray().Single(k => k!["keyResult"]!["id"]!.GetValue<Guid>() == kr1)!;
        kr1Node["keyResult"]!["progress"]!.GetValue<double>().ShouldBe(0.6, Tolerance);
        var actions = kr1Node["actions"]!.AsArray();
        actions.Single(x => x!["id"]!.GetValue<Guid>() == done)!["progress"]!.GetValue<double>().ShouldBe(1);
        actions.Single(x => x!["id"]!.GetValue<Guid>() == cancelled)!["progress"].ShouldBeNull();

        var nodeB = Goal(childrenNode, b);
        Progress(nodeB).ShouldBe(goalB, Tolerance);
        nodeB["figures"]!["status"]!.GetValue<string>().ShouldBe("AtRisk");
        Progress(Goal(childrenNode, parent)).ShouldBe(goalP, Tolerance);
        Goal(childrenNode, parent)["figures"]!["confidence"]!.GetValue<double>().ShouldBe(0.25, Tolerance);

        var dept = (await (await client.GetAsync($"/api/org-units/{department.Id}/goals?periodId={plan.PeriodId}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        Progress(dept).ShouldBe((goalA + goalB + goalP) / 3, Tolerance);
        dept["alignment"]!["goalCount"]!.GetValue<int>().ShouldBe(3);
        dept["alignment"]!["keyResultCount"]!.GetValue<int>().ShouldBe(4);
        dept["alignment"]!["actionCount"]!.GetValue<int>().ShouldBe(1);
        dept["alignment"]!["keyResultsWithActionShare"]!.GetValue<double>().ShouldBe(0.25, Tolerance);
        dept["alignment"]!["alignedGoalShare"]!.GetValue<double>().ShouldBe(1);
        dept["alignment"]!["orphanGoalCount"]!.GetValue<int>().ShouldBe(0);
        var sub = (await (await client.GetAsync($"/api/org-units/{unit.Id}/goals?periodId={plan.PeriodId}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        Progress(sub).ShouldBe(goalB, Tolerance);
    }

    private static double Progress(JsonNode node) => node["figures"]!["progress"]!.GetValue<double>();

    private static JsonNode Theme(JsonNode tree, Guid id) => tree["themes"]!.AsArray().Single(t => t!["id"]!.GetValue<Guid>() == id)!;

    private static JsonNode Goal(JsonNode theme, Guid id) => theme["goals"]!.AsArray().Single(g => g!["id"]!.GetValue<Guid>() == id)!;

    private static async Task<Guid> GoalAsync(HttpClient client, Guid periodId, Guid unitId, string title, Guid[] themes, Guid? parentGoalId = null)
    {
        var goal = await (await client.PostJsonAsync("/api/goals", new
        {
            periodId,
            ownerUnitId = unitId,
            title,
            citizenValue = "Borgerne får en grønnere by",
            coCreationLevel = "Involve",
            greenTransition = true,
            parentGoalId,
        })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = goal!["id"]!.GetValue<Guid>();
        foreach (var theme in themes)
        {
            await (await client.PutJsonAsync($"/api/goals/{id}/themes/{theme}", new { rationale = "Tjener temaet" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        return id;
    }

    private static async Task<Guid> KeyResultAsync(HttpClient client, Guid goalId, object body) =>
        (await (await client.PostJsonAsync($"/api/goals/{goalId}/key-results", body)).ShouldHaveStatusAsync(HttpStatusCode.Created))!["keyResult"]!["id"]!.GetValue<Guid>();

    private static async Task<Guid> ActionAsync(HttpClient client, Guid goalId, Guid keyResultId, string title) =>
        (await (await client.PostJsonAsync("/api/actions", new { goalId, keyResultId, title, coCreationLevel = "None", greenTransition = false }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created))!["id"]!.GetValue<Guid>();

    private static async Task CheckInAsync(HttpClient client, Guid keyResultId, object body) =>
        await (await client.PostJsonAsync($"/api/key-results/{keyResultId}/check-ins", body)).ShouldHaveStatusAsync(HttpStatusCode.Created);
}
