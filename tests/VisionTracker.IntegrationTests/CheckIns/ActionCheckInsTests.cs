using System.Net;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.CheckIns;

public sealed class ActionCheckInsTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private async Task<(GoalScene Scene, Guid ActionId)> ArrangeActionAsync()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var action = await scene.Leader.Client.CreateActionAsync(scene.GoalId, scene.KeyResultId);
        return (scene, action.Id());
    }

    private static Task<HttpResponseMessage> CheckInAsync(TestPerson person, Guid actionId, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/actions/{actionId}/check-ins")
        {
            Content = System.Net.Http.Json.JsonContent.Create(body, options: HttpAssertions.Json),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return person.Client.SendAsync(request);
    }

    private Task<int> CountCheckInsAsync(Guid actionId) => factory.WithDbAsync(db => db.CheckIns.CountAsync(c => c.ActionId == actionId));

    private Task<LeaderAction> StoredAsync(Guid actionId) => factory.WithDbAsync(db => db.Actions.AsNoTracking().SingleAsync(a => a.Id == actionId));

    [Fact]
    public async Task PostCheckIn_WithStateAndProgress_MovesTheActionAndStoresItsFigures()
    {
        var (scene, id) = await ArrangeActionAsync();

        var response = await CheckInAsync(scene.Leader, id, new { state = "InProgress", progress = 0.4, confidence = 0.7, note = "Kampagnen er i gang" });

        var body = (await response.ShouldHaveStatusAsync(HttpStatusCode.Created))!;
        response.Headers.Location!.ToString().ShouldBe($"/api/actions/{id}/check-ins");
        body["actionId"]!.GetValue<Guid>().ShouldBe(id);
        body["actionState"]!.GetValue<string>().ShouldBe("InProgress");
        body["actionProgress"]!.GetValue<double>().ShouldBe(0.4);
        body["note"]!.GetValue<string>().ShouldBe("Kampagnen er i gang");
        var stored = await StoredAsync(id);
        stored.State.ShouldBe(ActionState.InProgress);
        stored.ReportedProgress.ShouldBe(0.4);
        stored.Progress.ShouldBe(0.4);
        stored.Confidence.ShouldBe(0.7);
        stored.LastCheckInAt.ShouldBe(factory.Clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task PostCheckIn_WithStateDone_SetsProgressToOne()
    {
        var (scene, id) = await ArrangeActionAsync();
        await (await CheckInAsync(scene.Leader, id, new { state = "InProgress", progress = 0.3, confidence = 0.6 })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        var response = await CheckInAsync(scene.Leader, id, new { state = "Done", confidence = 0.9, note = "Færdig" });

        (await response.ShouldHaveStatusAsync(HttpStatusCode.Created))!["actionProgress"]!.GetValue<double>().ShouldBe(1);
        var stored = await StoredAsync(id);
        stored.ReportedProgress.ShouldBe(1);
        stored.Progress.ShouldBe(1);
        var action = await (await scene.Leader.Client.GetAsync($"/api/actions/{id}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        action!["figures"]!["progress"]!.GetValue<double>().ShouldBe(1);
        action["checkIns"]!.AsArray().Select(c => c!["actionState"]!.GetValue<string>()).ShouldBe(["Done", "InProgress"]);
    }

    [Fact]
    public async Task PostCheckIn_WithRefusedTransition_Returns409AndWritesNothing()
    {
        var (scene, id) = await ArrangeActionAsync();
        await (await CheckInAsync(scene.Leader, id, new { state = "Done", confidence = 0.9 })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        var response = await CheckInAsync(scene.Leader, id, new { state = "Blocked", confidence = 0.2 });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
        (await CountCheckInsAsync(id)).ShouldBe(1);
        (await StoredAsync(id)).State.ShouldBe(ActionState.Done);
    }

    [Theory]
    [InlineData("{\"progress\":1.2,\"confidence\":0.5}", "progress")]
    [InlineData("{\"progress\":0.5,\"confidence\":-0.1}", "confidence")]
    [InlineData("{\"progress\":0.5}", "confidence")]
    [InlineData("{\"state\":\"Done\",\"progress\":0.5,\"confidence\":0.5}", "progress")]
    [InlineData("{\"progress\":0.5,\"confidence\":0.5,\"note\":\"LONG\"}", "note")]
    public async Task PostCheckIn_WithInvalidField_Returns400NamingIt(string json, string field)
    {
        var (scene, id) = await ArrangeActionAsync();

        var response = await scene.Leader.Client.PostAsync($"/api/actions/{id}/check-ins",
            new StringContent(json.Replace("LONG", new string('n', 4001)), System.Text.Encoding.UTF8, "application/json"));

        (await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]![field].ShouldNotBeNull();
        (await CountCheckInsAsync(id)).ShouldBe(0);
    }

    [Fact]
    public async Task PostCheckIn_ByAnotherLeaderOfTheUnit_Returns403()
    {
        var (scene, id) = await ArrangeActionAsync();
        var leaderB = await factory.CreatePersonAsync("Bent Leder", scene.Unit.Id, Role.Leader);

        var response = await CheckInAsync(leaderB, id, new { progress = 0.9, confidence = 0.9 });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        (await CountCheckInsAsync(id)).ShouldBe(0);
    }

    [Fact]
    public async Task PostCheckIn_AsViewer_Returns403()
    {
        var (scene, id) = await ArrangeActionAsync();
        var viewer = await factory.CreatePersonAsync("Vibeke Viewer", scene.Unit.Id, Role.Viewer);

        var response = await CheckInAsync(viewer, id, new { progress = 0.9, confidence = 0.9 });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PostCheckIn_ByDepartmentHeadOverTheUnit_Returns201()
    {
        var (scene, id) = await ArrangeActionAsync();
        var head = await factory.CreatePersonAsync("Dorte Direktør", scene.Unit.Id, Role.DepartmentHead);

        var response = await CheckInAsync(head, id, new { progress = 0.1, confidence = 0.4 });

        (await response.ShouldHaveStatusAsync(HttpStatusCode.Created))!["personId"]!.GetValue<Guid>().ShouldBe(head.Id);
    }

    [Fact]
    public async Task PostCheckIn_InClosedPeriod_Returns409AndWritesNothing()
    {
        var (scene, id) = await ArrangeActionAsync();
        await factory.ClosePeriodAsync(scene.PeriodId);

        var response = await CheckInAsync(scene.Leader, id, new { progress = 0.5, confidence = 0.5 });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
        (await CountCheckInsAsync(id)).ShouldBe(0);
        (await StoredAsync(id)).ReportedProgress.ShouldBe(0);
    }

    [Fact]
    public async Task PostCheckIn_SameIdempotencyKeyTwice_StoresOneCheckInAndReplaysIt()
    {
        var (scene, id) = await ArrangeActionAsync();
        var key = $"retry-{Guid.NewGuid():N}";

        var first = await CheckInAsync(scene.Leader, id, new { progress = 0.5, confidence = 0.5 }, key);
        var second = await CheckInAsync(scene.Leader, id, new { progress = 0.5, confidence = 0.5 }, key);

        var created = (await first.ShouldHaveStatusAsync(HttpStatusCode.Created))!;
        (await second.ShouldHaveStatusAsync(HttpStatusCode.OK))!.Id().ShouldBe(created.Id());
        second.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await CountCheckInsAsync(id)).ShouldBe(1);
    }

    [Fact]
    public async Task PostCheckIn_SameIdempotencyKeyByAnotherPerson_IsANewCheckIn()
    {
        var (scene, id) = await ArrangeActionAsync();
        var head = await factory.CreatePersonAsync("Dorte Direktør", scene.Unit.Id, Role.DepartmentHead);
        var key = $"shared-{Guid.NewGuid():N}";
        await (await CheckInAsync(scene.Leader, id, new { progress = 0.5, confidence = 0.5 }, key)).ShouldHaveStatusAsync(HttpStatusCode.Created);

        var response = await CheckInAsync(head, id, new { progress = 0.6, confidence = 0.5 }, key);

        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        (await CountCheckInsAsync(id)).ShouldBe(2);
    }

    [Fact]
    public async Task GetCheckIns_ReturnsTheActionsCheckInsNewestFirst()
    {
        var (scene, id) = await ArrangeActionAsync();
        await (await CheckInAsync(scene.Leader, id, new { progress = 0.2, confidence = 0.5, note = "Første" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        factory.Clock.Advance(TimeSpan.FromDays(7));
        await (await CheckInAsync(scene.Leader, id, new { progress = 0.4, confidence = 0.6, note = "Anden" })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        var response = await scene.Leader.Client.GetAsync($"/api/actions/{id}/check-ins");

        (await response.ShouldHaveStatusAsync(HttpStatusCode.OK))!["items"]!.AsArray()
            .Select(c => c!["note"]!.GetValue<string>()).ShouldBe(["Anden", "Første"]);
    }

    [Fact]
    public async Task DeleteCheckIn_HasNoRoute_BecauseCheckInsAreAppendOnly()
    {
        var (scene, id) = await ArrangeActionAsync();
        var created = (await (await CheckInAsync(scene.Leader, id, new { progress = 0.2, confidence = 0.5 })).ShouldHaveStatusAsync(HttpStatusCode.Created))!;

        var delete = await scene.Leader.Client.DeleteAsync($"/api/actions/{id}/check-ins/{created.Id()}");
        var put = await scene.Leader.Client.PutJsonAsync($"/api/actions/{id}/check-ins/{created.Id()}", new { progress = 0.9, confidence = 0.5 });

        delete.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed);
        put.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed);
        (await CountCheckInsAsync(id)).ShouldBe(1);
    }
}
