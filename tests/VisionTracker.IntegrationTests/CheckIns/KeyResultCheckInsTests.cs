using System.Net;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.CheckIns;

public sealed class KeyResultCheckInsTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private const double Tolerance = 1e-9;

    private static Task<HttpResponseMessage> CheckInAsync(TestPerson person, Guid keyResultId, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/key-results/{keyResultId}/check-ins")
        {
            Content = System.Net.Http.Json.JsonContent.Create(body, options: HttpAssertions.Json),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return person.Client.SendAsync(request);
    }

    private Task<int> CountCheckInsAsync(Guid keyResultId) =>
        factory.WithDbAsync(db => db.CheckIns.CountAsync(c => c.KeyResultId == keyResultId));

    [Fact]
    public async Task PostCheckIn_OnNumberKeyResult_MovesStoredGoalProgressToHandComputedValue()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        await factory.ArrangeKeyResultAsync(scene.GoalId, scene.Leader.Id, start: 10, target: 20, current: 20, weight: 3, title: "Nået");

        var response = await CheckInAsync(scene.Leader, scene.KeyResultId, new { value = 50, confidence = 0.8, note = "Godt i gang" });

        // KR: (50 − 0) / (200 − 0) = 0.25; goal: (0.25·1 + 1·3) / 4 = 0.8125; confidence: min over KRs with a check-in.
        var body = (await response.ShouldHaveStatusAsync(HttpStatusCode.Created))!;
        body["value"]!.GetValue<double>().ShouldBe(50);
        body["personId"]!.GetValue<Guid>().ShouldBe(scene.Leader.Id);
        body["at"]!.GetValue<DateTime>().ShouldBe(factory.Clock.GetUtcNow().UtcDateTime);
        var (kr, goal) = await factory.WithDbAsync(async db =>
            (await db.KeyResults.AsNoTracking().SingleAsync(k => k.Id == scene.KeyResultId), await db.Goals.AsNoTracking().SingleAsync(g => g.Id == scene.GoalId)));
        kr.CurrentValue.ShouldBe(50);
        kr.Progress.ShouldBe(0.25, Tolerance);
        kr.Confidence.ShouldBe(0.8);
        kr.LastCheckInAt.ShouldBe(factory.Clock.GetUtcNow().UtcDateTime);
        goal.Progress!.Value.ShouldBe(0.8125, Tolerance);
        goal.Confidence.ShouldBe(0.8);
    }

    [Fact]
    public async Task PostCheckIn_OnMilestoneKeyResult_MarksExactlyTheNamedMilestonesDone()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var kr = await factory.ArrangeKeyResultAsync(scene.GoalId, scene.Leader.Id, MetricKind.Milestone, title: "Skolegårde", milestones: ["1", "2", "3", "4"]);
        var ids = await factory.WithDbAsync(db => db.Milestones.Where(m => m.KeyResultId == kr).OrderBy(m => m.SortOrder).Select(m => m.Id).ToListAsync());
        await (await CheckInAsync(scene.Leader, kr, new { milestoneIds = new[] { ids[0], ids[1] }, confidence = 0.5 })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        var response = await CheckInAsync(scene.Leader, kr, new { milestoneIds = new[] { ids[1], ids[2], ids[3] }, confidence = 0.6 });

        (await response.ShouldHaveStatusAsync(HttpStatusCode.Created))!["value"]!.GetValue<double>().ShouldBe(3);
        var done = await factory.WithDbAsync(db => db.Milestones.Where(m => m.KeyResultId == kr).OrderBy(m => m.SortOrder).Select(m => m.Done).ToListAsync());
        done.ShouldBe([false, true, true, true]);
        (await factory.WithDbAsync(db => db.KeyResults.Where(k => k.Id == kr).Select(k => k.Progress).SingleAsync())).ShouldBe(0.75, Tolerance);
    }

    [Theory]
    [InlineData(MetricKind.YesNo, "{\"value\":2,\"confidence\":0.5}", "value")]
    [InlineData(MetricKind.Number, "{\"confidence\":0.5}", "value")]
    [InlineData(MetricKind.Number, "{\"value\":1,\"confidence\":1.5}", "confidence")]
    [InlineData(MetricKind.Number, "{\"value\":1}", "confidence")]
    [InlineData(MetricKind.Milestone, "{\"value\":1,\"confidence\":0.5}", "value")]
    [InlineData(MetricKind.Milestone, "{\"confidence\":0.5}", "milestoneIds")]
    [InlineData(MetricKind.Milestone, "{\"milestoneIds\":[\"0a0e4a2c-5f6f-4b8a-9d7e-3c2b1a0f9e8d\"],\"confidence\":0.5}", "milestoneIds")]
    public async Task PostCheckIn_WithInvalidField_Returns400NamingItAndStoresNothing(MetricKind kind, string json, string field)
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var kr = kind == MetricKind.YesNo
            ? await factory.ArrangeKeyResultAsync(scene.GoalId, scene.Leader.Id, kind, target: 1)
            : await factory.ArrangeKeyResultAsync(scene.GoalId, scene.Leader.Id, kind, milestones: kind == MetricKind.Milestone ? ["A"] : []);

        var response = await scene.Leader.Client.PostAsync($"/api/key-results/{kr}/check-ins", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        (await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]![field].ShouldNotBeNull();
        (await CountCheckInsAsync(kr)).ShouldBe(0);
    }

    [Theory]
    [InlineData(PeriodState.Closed)]
    [InlineData(PeriodState.Planning)]
    public async Task PostCheckIn_WhenPeriodIsNotActive_Returns409AndWritesNothing(PeriodState state)
    {
        var unit = await factory.CreateUnitAsync("Teknik og Miljø");
        var leader = await factory.CreatePersonAsync("Lone Leder", unit.Id, Role.Leader);
        var period = await factory.ArrangePeriodAsync(state);
        var goal = await factory.ArrangeGoalAsync(period, unit.Id, leader.Id);
        var kr = await factory.ArrangeKeyResultAsync(goal, leader.Id);

        var response = await CheckInAsync(leader, kr, new { value = 50, confidence = 0.8 });

        (await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict))!["detail"]!.GetValue<string>().ShouldContain(state.ToString());
        (await CountCheckInsAsync(kr)).ShouldBe(0);
        (await factory.WithDbAsync(db => db.KeyResults.Where(k => k.Id == kr).Select(k => k.CurrentValue).SingleAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task PostCheckIn_UnderArchivedGoal_Returns409AndWritesNothing()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        await factory.WithDbAsync(async db =>
        {
            (await db.Goals.SingleAsync(g => g.Id == scene.GoalId)).Archive();
            return await db.SaveChangesAsync();
        });

        var response = await CheckInAsync(scene.Leader, scene.KeyResultId, new { value = 50, confidence = 0.8 });

        (await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict))!["code"]!.GetValue<string>().ShouldBe("GoalArchived");
        (await CountCheckInsAsync(scene.KeyResultId)).ShouldBe(0);
    }

    [Fact]
    public async Task PostCheckIn_SameIdempotencyKeyTwice_StoresOneCheckInAndReplaysIt()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var key = $"retry-{Guid.NewGuid():N}";
        var body = new { value = 50, confidence = 0.8, note = " Godt i gang ", answers = new Dictionary<string, string> { ["vision-to-action"] = "Vi spørger borgerne" } };

        var first = await CheckInAsync(scene.Leader, scene.KeyResultId, body, key);
        var second = await CheckInAsync(scene.Leader, scene.KeyResultId, body, key);

        var created = (await first.ShouldHaveStatusAsync(HttpStatusCode.Created))!;
        var replayed = (await second.ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        // The new check-in's answer is built from what was saved, the replay's is read back: they must say the same.
        created.AsObject().Remove("figures");
        replayed.AsObject().Remove("figures");
        System.Text.Json.Nodes.JsonNode.DeepEquals(created, replayed).ShouldBeTrue($"{created.ToJsonString()}\n{replayed.ToJsonString()}");
        created["personName"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        created["note"]!.GetValue<string>().ShouldBe("Godt i gang");
        second.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        first.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await CountCheckInsAsync(scene.KeyResultId)).ShouldBe(1);
    }

    [Fact]
    public async Task PostCheckIn_SameIdempotencyKeyOnAnotherKeyResult_Returns409()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var other = await factory.ArrangeKeyResultAsync(scene.GoalId, scene.Leader.Id, title: "Andet");
        var key = $"retry-{Guid.NewGuid():N}";
        await (await CheckInAsync(scene.Leader, scene.KeyResultId, new { value = 50, confidence = 0.8 }, key)).ShouldHaveStatusAsync(HttpStatusCode.Created);

        var response = await CheckInAsync(scene.Leader, other, new { value = 50, confidence = 0.8 }, key);

        await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
        (await CountCheckInsAsync(other)).ShouldBe(0);
    }

    [Fact]
    public async Task PostCheckIn_SameIdempotencyKeyWithOtherContent_Returns409AndStoresNothingNew()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var key = $"retry-{Guid.NewGuid():N}";
        await (await CheckInAsync(scene.Leader, scene.KeyResultId, new { value = 50, confidence = 0.8 }, key)).ShouldHaveStatusAsync(HttpStatusCode.Created);

        var response = await CheckInAsync(scene.Leader, scene.KeyResultId, new { value = 70, confidence = 0.8 }, key);

        (await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict))!["code"]!.GetValue<string>().ShouldBe("IdempotencyKeyOtherCheckIn");
        (await CountCheckInsAsync(scene.KeyResultId)).ShouldBe(1);
    }

    [Fact]
    public async Task PostCheckIn_WithOverlongIdempotencyKey_Returns400()
    {
        var scene = await factory.ArrangeGoalSceneAsync();

        var response = await CheckInAsync(scene.Leader, scene.KeyResultId, new { value = 50, confidence = 0.8 }, new string('k', 101));

        (await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]!["idempotencyKey"].ShouldNotBeNull();
    }

    [Fact]
    public async Task PostCheckIn_ByGoalOwnerAndDepartmentHead_IsAllowedButNotByAnotherLeaderOrViewer()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var krOwner = await factory.CreatePersonAsync("KR-ejer", scene.Unit.Id, Role.Leader);
        var kr = await factory.ArrangeKeyResultAsync(scene.GoalId, krOwner.Id, title: "Ejet af en anden");
        var leaderB = await factory.CreatePersonAsync("Bent Leder", scene.Unit.Id, Role.Leader);
        var viewer = await factory.CreatePersonAsync("Vibeke Viewer", scene.Unit.Id, Role.Viewer);
        var head = await factory.CreatePersonAsync("Dorte Direktør", scene.Unit.Id, Role.DepartmentHead);

        var byKrOwner = await CheckInAsync(krOwner, kr, new { value = 10, confidence = 0.5 });
        var byGoalOwner = await CheckInAsync(scene.Leader, kr, new { value = 20, confidence = 0.5 });
        var byHead = await CheckInAsync(head, kr, new { value = 30, confidence = 0.5 });
        var byLeaderB = await CheckInAsync(leaderB, kr, new { value = 40, confidence = 0.5 });
        var byViewer = await CheckInAsync(viewer, kr, new { value = 50, confidence = 0.5 });

        await byKrOwner.ShouldHaveStatusAsync(HttpStatusCode.Created);
        await byGoalOwner.ShouldHaveStatusAsync(HttpStatusCode.Created);
        await byHead.ShouldHaveStatusAsync(HttpStatusCode.Created);
        await byLeaderB.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        await byViewer.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        (await CountCheckInsAsync(kr)).ShouldBe(3);
    }

    [Fact]
    public async Task PostCheckIn_ByDepartmentHeadOutsideSubtree_Returns404()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var head = await factory.CreatePersonAsync("Ole Udenfor", (await factory.CreateUnitAsync("Børn og Unge")).Id, Role.DepartmentHead);

        var response = await CheckInAsync(head, scene.KeyResultId, new { value = 10, confidence = 0.5 });

        await response.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetCheckIns_ReturnsTheKeyResultsCheckInsNewestFirst()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        await (await CheckInAsync(scene.Leader, scene.KeyResultId, new { value = 10, confidence = 0.5, note = "Første" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        factory.Clock.Advance(TimeSpan.FromDays(7));
        await (await CheckInAsync(scene.Leader, scene.KeyResultId, new { value = 30, confidence = 0.6, note = "Anden" })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        var response = await scene.Leader.Client.GetAsync($"/api/key-results/{scene.KeyResultId}/check-ins");

        var body = (await response.ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        body["items"]!.AsArray().Select(c => c!["note"]!.GetValue<string>()).ShouldBe(["Anden", "Første"]);
        body["totalCount"]!.GetValue<int>().ShouldBe(2);
    }
}
