using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.KeyResults;

public sealed class KeyResultsEndpointsTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private async Task<(TestPerson Leader, Guid UnitId, Guid GoalId)> ArrangeGoalAsync()
    {
        var unit = await factory.CreateUnitAsync("Sundhed og Omsorg");
        var leader = await factory.CreatePersonAsync("Karen Krog", unit.Id, Role.Leader);
        var plan = await factory.ArrangePlanningAsync();
        var goal = await (await leader.Client.PostJsonAsync("/api/goals", new
        {
            periodId = plan.PeriodId,
            ownerUnitId = unit.Id,
            title = "Flere raske ældre",
            citizenValue = "Ældre klarer sig selv længere",
            coCreationLevel = "CoCreate",
            greenTransition = false,
        })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        return (leader, unit.Id, goal!["id"]!.GetValue<Guid>());
    }

    private static async Task<JsonNode> AddAsync(TestPerson leader, Guid goalId, object body) =>
        (await (await leader.Client.PostJsonAsync($"/api/goals/{goalId}/key-results", body)).ShouldHaveStatusAsync(HttpStatusCode.Created))!;

    [Fact]
    public async Task PostKeyResult_OfEveryKind_StartsAtItsStartWithZeroProgress()
    {
        var (leader, _, goalId) = await ArrangeGoalAsync();

        var number = await AddAsync(leader, goalId, new { title = "Ventetid", metricKind = "Number", direction = "Decrease", startValue = 30, targetValue = 10, unit = "dage" });
        var percent = await AddAsync(leader, goalId, new { title = "Tilfredshed", metricKind = "Percentage", startValue = 60, targetValue = 80 });
        var currency = await AddAsync(leader, goalId, new { title = "Besparelse", metricKind = "Currency", startValue = 0, targetValue = 500000, unit = "DKK", weight = 2 });
        var yesNo = await AddAsync(leader, goalId, new { title = "Strategi vedtaget", metricKind = "YesNo" });
        var milestone = await AddAsync(leader, goalId, new { title = "Nyt tilbud", metricKind = "Milestone", milestones = new[] { "Plan", "Pilot", "Drift" } });

        number["keyResult"]!["direction"]!.GetValue<string>().ShouldBe("Decrease");
        number["keyResult"]!["currentValue"]!.GetValue<double>().ShouldBe(30);
        percent["keyResult"]!["progress"]!.GetValue<double>().ShouldBe(0);
        currency["keyResult"]!["weight"]!.GetValue<double>().ShouldBe(2);
        yesNo["keyResult"]!["targetValue"]!.GetValue<double>().ShouldBe(1);
        milestone["milestones"]!.AsArray().Select(m => m!["title"]!.GetValue<string>()).ShouldBe(["Plan", "Pilot", "Drift"]);
        var goal = await (await leader.Client.GetAsync($"/api/goals/{goalId}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        goal!["keyResults"]!.AsArray().Count.ShouldBe(5);
        goal["figures"]!["progress"]!.GetValue<double>().ShouldBe(0);
    }

    [Theory]
    [InlineData("{\"title\":\"\",\"metricKind\":\"Number\",\"startValue\":0,\"targetValue\":1}", "title")]
    [InlineData("{\"title\":\"M\",\"metricKind\":\"Milestone\"}", "milestones")]
    [InlineData("{\"title\":\"N\",\"metricKind\":\"Number\",\"startValue\":0,\"targetValue\":1,\"milestones\":[\"x\"]}", "milestones")]
    [InlineData("{\"title\":\"W\",\"metricKind\":\"Number\",\"startValue\":0,\"targetValue\":1,\"weight\":-1}", "weight")]
    public async Task PostKeyResult_WithInvalidField_Returns400NamingIt(string json, string field)
    {
        var (leader, _, goalId) = await ArrangeGoalAsync();

        var response = await leader.Client.PostAsync($"/api/goals/{goalId}/key-results", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        (await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]![field].ShouldNotBeNull();
        (await factory.WithDbAsync(db => db.KeyResults.CountAsync(k => k.GoalId == goalId))).ShouldBe(0);
    }

    [Fact]
    public async Task PostKeyResult_IncreaseWithTargetBelowStart_Returns409()
    {
        var (leader, _, goalId) = await ArrangeGoalAsync();

        var response = await leader.Client.PostJsonAsync($"/api/goals/{goalId}/key-results", new { title = "Forkert", metricKind = "Number", direction = "Increase", startValue = 10, targetValue = 5 });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task DeleteKeyResult_WhileDraftSucceedsButNotOnceActive()
    {
        var (leader, _, goalId) = await ArrangeGoalAsync();
        var first = await AddAsync(leader, goalId, new { title = "A", metricKind = "YesNo" });
        var second = await AddAsync(leader, goalId, new { title = "B", metricKind = "YesNo" });

        var deleted = await leader.Client.DeleteAsync($"/api/key-results/{first["keyResult"]!["id"]}");
        await (await leader.Client.PostJsonAsync($"/api/goals/{goalId}/state", new { state = "Active" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var refused = await leader.Client.DeleteAsync($"/api/key-results/{second["keyResult"]!["id"]}");

        (await deleted.ShouldHaveStatusAsync(HttpStatusCode.OK))!["keyResults"]!.AsArray().Count.ShouldBe(1);
        await refused.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
        await (await leader.Client.GetAsync($"/api/key-results/{second["keyResult"]!["id"]}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SetWeight_RecomputesTheGoalsStoredProgressBeforeReturning()
    {
        var (leader, _, goalId) = await ArrangeGoalAsync();
        var low = await AddAsync(leader, goalId, new { title = "Halvvejs", metricKind = "Number", startValue = 0, targetValue = 100 });
        var done = await AddAsync(leader, goalId, new { title = "Færdig", metricKind = "YesNo" });
        // Values and their stored progress as check-ins would have left them (a command updates only what it touches).
        await factory.WithDbAsync(async db =>
        {
            var half = await db.KeyResults.SingleAsync(k => k.Id == low["keyResult"]!["id"]!.GetValue<Guid>());
            (half.CurrentValue, half.Progress) = (50, 0.5);
            var full = await db.KeyResults.SingleAsync(k => k.Id == done["keyResult"]!["id"]!.GetValue<Guid>());
            (full.CurrentValue, full.Progress) = (1, 1);
            return await db.SaveChangesAsync();
        });

        var response = await leader.Client.PutJsonAsync($"/api/key-results/{done["keyResult"]!["id"]}/weight", new { weight = 3 });

        (await response.ShouldHaveStatusAsync(HttpStatusCode.OK))!["keyResult"]!["progress"]!.GetValue<double>().ShouldBe(1);
        var goal = await (await leader.Client.GetAsync($"/api/goals/{goalId}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        goal!["figures"]!["progress"]!.GetValue<double>().ShouldBe((0.5 * 1 + 1 * 3) / 4, 1e-9);
    }

    [Fact]
    public async Task UpdateKeyResult_MeasureOnlyWhileDraftAndByOwnersOnly()
    {
        var (leader, unitId, goalId) = await ArrangeGoalAsync();
        var kr = await AddAsync(leader, goalId, new { title = "Besøg", metricKind = "Number", startValue = 0, targetValue = 10 });
        var url = $"/api/key-results/{kr["keyResult"]!["id"]}";
        var colleague = await factory.CreatePersonAsync("Anden Leder", unitId, Role.Leader);

        var inDraft = await leader.Client.PutJsonAsync(url, new { title = "Besøg i alt", startValue = 5, targetValue = 20 }, "\"1\"");
        var stale = await leader.Client.PutJsonAsync(url, new { title = "Gammel" }, "\"1\"");
        var byColleague = await colleague.Client.PutJsonAsync(url, new { title = "Kapret" });
        await (await leader.Client.PostJsonAsync($"/api/goals/{goalId}/state", new { state = "Active" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var whenActive = await leader.Client.PutJsonAsync(url, new { title = "Besøg i alt", targetValue = 30 });

        var updated = await inDraft.ShouldHaveStatusAsync(HttpStatusCode.OK);
        updated!["keyResult"]!["currentValue"]!.GetValue<double>().ShouldBe(5);
        updated["keyResult"]!["targetValue"]!.GetValue<double>().ShouldBe(20);
        await stale.ShouldHaveStatusAsync(HttpStatusCode.PreconditionFailed);
        await byColleague.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        await whenActive.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
    }
}
