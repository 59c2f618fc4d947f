using System.Net;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Foundations;

public sealed class LeadershipFoundationEndpointsTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private static string UrlOf(Guid personId) => $"/api/people/{personId}/leadership-foundation";

    [Fact]
    public async Task PutFoundation_ByThePersonThemself_Creates201ThenUpdates200WithIfMatch()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var url = UrlOf(scene.Leader.Id);

        var created = await scene.Leader.Client.PutJsonAsync(url, new { text = "Jeg leder med tillid.", committedGoalIds = new[] { scene.GoalId, scene.GoalId } });
        var updated = await scene.Leader.Client.PutJsonAsync(url, new { text = "Jeg leder med tillid og retning.", committedGoalIds = Array.Empty<Guid>() }, "\"1\"");

        var first = (await created.ShouldHaveStatusAsync(HttpStatusCode.Created))!;
        first["committedGoalIds"]!.AsArray().Select(g => g!.GetValue<Guid>()).ShouldBe([scene.GoalId]);
        created.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var second = (await updated.ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        second["text"]!.GetValue<string>().ShouldBe("Jeg leder med tillid og retning.");
        second["committedGoalIds"]!.AsArray().ShouldBeEmpty();
        second["version"]!.GetValue<int>().ShouldBe(2);
        updated.Headers.ETag!.Tag.ShouldBe("\"2\"");
    }

    [Fact]
    public async Task PutFoundation_WithStaleIfMatch_Returns412AndKeepsTheText()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var url = UrlOf(scene.Leader.Id);
        await (await scene.Leader.Client.PutJsonAsync(url, new { text = "Første" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await scene.Leader.Client.PutJsonAsync(url, new { text = "Anden" }, "\"1\"")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var response = await scene.Leader.Client.PutJsonAsync(url, new { text = "Forældet" }, "\"1\"");

        await response.ShouldHaveStatusAsync(HttpStatusCode.PreconditionFailed);
        (await factory.WithDbAsync(db => db.LeadershipFoundations.Where(f => f.PersonId == scene.Leader.Id).Select(f => f.Text).SingleAsync())).ShouldBe("Anden");
    }

    [Fact]
    public async Task PutFoundation_WithTooLongText_Returns400()
    {
        var scene = await factory.ArrangeGoalSceneAsync();

        var response = await scene.Leader.Client.PutJsonAsync(UrlOf(scene.Leader.Id), new { text = new string('x', 20_001) });

        (await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]!["text"].ShouldNotBeNull();
    }

    [Fact]
    public async Task PutFoundation_CommittingToGoalOutsideOwnScope_Returns404AndStoresNothing()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var otherUnit = await factory.CreateUnitAsync("Børn og Unge");
        var otherLeader = await factory.CreatePersonAsync("Anden Leder", otherUnit.Id, Role.Leader);
        var hiddenGoal = await factory.ArrangeGoalAsync(scene.PeriodId, otherUnit.Id, otherLeader.Id, "Skjult mål");

        var response = await scene.Leader.Client.PutJsonAsync(UrlOf(scene.Leader.Id), new { text = "Grundlag", committedGoalIds = new[] { hiddenGoal } });

        await response.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        (await factory.WithDbAsync(db => db.LeadershipFoundations.CountAsync(f => f.PersonId == scene.Leader.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task PutFoundation_ForSomeoneElse_Returns403ForTheirDepartmentHeadAnd404ForAColleague()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var head = await factory.CreatePersonAsync("Dorte Direktør", scene.Unit.Id, Role.DepartmentHead);
        var colleague = await factory.CreatePersonAsync("Kollega", scene.Unit.Id, Role.Leader);

        var byHead = await head.Client.PutJsonAsync(UrlOf(scene.Leader.Id), new { text = "Skrevet af chefen" });
        var byColleague = await colleague.Client.PutJsonAsync(UrlOf(scene.Leader.Id), new { text = "Skrevet af kollegaen" });

        await byHead.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        await byColleague.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        (await factory.WithDbAsync(db => db.LeadershipFoundations.CountAsync(f => f.PersonId == scene.Leader.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task GetFoundation_ReadableByThePersonAndTheirDepartmentHeadOnly()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var url = UrlOf(scene.Leader.Id);
        await (await scene.Leader.Client.PutJsonAsync(url, new { text = "Mit grundlag", committedGoalIds = new[] { scene.GoalId } })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var head = await factory.CreatePersonAsync("Dorte Direktør", scene.Unit.Id, Role.DepartmentHead);
        var colleague = await factory.CreatePersonAsync("Kollega", scene.Unit.Id, Role.Leader);
        var outsideHead = await factory.CreatePersonAsync("Ole Udenfor", (await factory.CreateUnitAsync("Sundhed og Omsorg")).Id, Role.DepartmentHead);

        var bySelf = await scene.Leader.Client.GetAsync(url);
        var byHead = await head.Client.GetAsync(url);
        var byColleague = await colleague.Client.GetAsync(url);
        var byOutsideHead = await outsideHead.Client.GetAsync(url);

        var body = (await bySelf.ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        body["text"]!.GetValue<string>().ShouldBe("Mit grundlag");
        body["personName"]!.GetValue<string>().ShouldBe("Lone Leder");
        bySelf.Headers.ETag!.Tag.ShouldBe("\"1\"");
        await byHead.ShouldHaveStatusAsync(HttpStatusCode.OK);
        await byColleague.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        await byOutsideHead.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetFoundation_BeforeAnyIsWritten_Returns404()
    {
        var scene = await factory.ArrangeGoalSceneAsync();

        var response = await scene.Leader.Client.GetAsync(UrlOf(scene.Leader.Id));

        await response.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
    }
}
