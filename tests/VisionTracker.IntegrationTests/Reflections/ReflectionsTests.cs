using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Reflections;

public sealed class ReflectionsTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private static string FoundationOf(Guid personId) => $"/api/people/{personId}/leadership-foundation";

    private static Dictionary<string, string> AnswersOf(JsonNode? node) =>
        node!.AsArray().ToDictionary(a => a!["questionKey"]!.GetValue<string>(), a => a!["text"]!.GetValue<string>());

    [Fact]
    public async Task GetReflectionQuestions_ListsTheFixedCatalogueInBothLanguages()
    {
        var scene = await factory.ArrangeGoalSceneAsync();

        var questions = (await (await scene.Leader.Client.GetAsync("/api/reflection-questions")).ShouldHaveStatusAsync(HttpStatusCode.OK))!.AsArray();

        questions.Where(q => q!["scope"]!.GetValue<string>() == "CheckIn").Select(q => q!["key"]!.GetValue<string>())
            .ShouldBe(["vision-to-action", "barriers-and-opportunities", "across-boundaries", "value-for-citizens"]);
        questions.Where(q => q!["scope"]!.GetValue<string>() == "Foundation").Select(q => q!["key"]!.GetValue<string>())
            .ShouldBe(["own-leadership", "move-yourself", "lead-the-direction"]);
        questions.ShouldAllBe(q => q!["danish"]!.GetValue<string>().EndsWith('?') && q["english"]!.GetValue<string>().EndsWith('?'));
    }

    [Fact]
    public async Task CheckInsWithAnswers_AreReadBackAsMyReflections_NewestFirstFilteredAndPaged()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var leader = scene.Leader.Client;
        var otherKr = await factory.ArrangeKeyResultAsync(scene.GoalId, scene.Leader.Id);
        var action = (await leader.CreateActionAsync(scene.GoalId, otherKr, "Borgermøde om cykelstier")).Id();
        var colleague = await factory.CreatePersonAsync("Kaj Kollega", scene.Unit.Id, Role.Leader);

        var first = await leader.PostJsonAsync($"/api/key-results/{scene.KeyResultId}/check-ins", new
        {
            value = 10,
            confidence = 0.7,
            note = "Godt i gang",
            answers = new Dictionary<string, string?> { ["vision-to-action"] = "  Vi har åbnet to cykelstier.  ", ["value-for-citizens"] = "   ", ["across-boundaries"] = null },
        });
        await (await leader.PostJsonAsync($"/api/key-results/{otherKr}/check-ins", new { value = 5, confidence = 0.6 })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await leader.PostJsonAsync($"/api/actions/{action}/check-ins", new
        {
            state = "InProgress",
            progress = 0.4,
            confidence = 0.5,
            answers = new Dictionary<string, string> { ["across-boundaries"] = "Sammen med Børn og Unge.", ["vision-to-action"] = "Borgermødet er holdt." },
        })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        AnswersOf((await first.ShouldHaveStatusAsync(HttpStatusCode.Created))!["answers"]).ShouldBe(new Dictionary<string, string> { ["vision-to-action"] = "Vi har åbnet to cykelstier." });
        var all = (await (await leader.GetAsync("/api/me/reflections")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        all["totalCount"]!.GetValue<int>().ShouldBe(2);
        var items = all["items"]!.AsArray();
        items[0]!["actionTitle"]!.GetValue<string>().ShouldBe("Borgermøde om cykelstier");
        items[0]!["goalId"]!.GetValue<Guid>().ShouldBe(scene.GoalId);
        AnswersOf(items[0]!["answers"]).Keys.ShouldBe(["vision-to-action", "across-boundaries"]);
        items[1]!["keyResultId"]!.GetValue<Guid>().ShouldBe(scene.KeyResultId);
        items[1]!["note"]!.GetValue<string>().ShouldBe("Godt i gang");
        await CountAsync(leader, "question=across-boundaries", 1);
        await CountAsync(leader, $"keyResultId={scene.KeyResultId}", 1);
        await CountAsync(leader, $"keyResultId={otherKr}", 1);
        await CountAsync(leader, $"goalId={scene.GoalId}&question=vision-to-action", 2);
        await CountAsync(leader, $"goalId={Guid.NewGuid()}", 0);
        var today = factory.Clock.GetUtcNow();
        await CountAsync(leader, $"from={today.AddDays(2):yyyy-MM-dd}", 0);
        await CountAsync(leader, $"to={today.AddDays(-2):yyyy-MM-dd}", 0);
        await CountAsync(leader, $"from={today.AddDays(-2):yyyy-MM-dd}&to={today.AddDays(2):yyyy-MM-dd}", 2);
        var page = (await (await leader.GetAsync("/api/me/reflections?skip=1&take=1")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        page["items"]!.AsArray().Single()!["checkInId"]!.GetValue<Guid>().ShouldBe(items[1]!["checkInId"]!.GetValue<Guid>());
        await CountAsync(colleague.Client, "", 0);
        var seenByColleague = (await (await colleague.Client.GetAsync($"/api/key-results/{scene.KeyResultId}/check-ins")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        seenByColleague["items"]!.AsArray().Single()!["answers"].ShouldBeNull();
        var seenByAuthor = (await (await leader.GetAsync($"/api/key-results/{scene.KeyResultId}/check-ins")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        AnswersOf(seenByAuthor["items"]!.AsArray().Single()!["answers"]).Count.ShouldBe(1);
    }

    [Fact]
    public async Task CheckIn_RetriedWithOtherAnswers_Returns409_AndWithTheSameAnswersReplays()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var url = $"/api/key-results/{scene.KeyResultId}/check-ins";
        HttpRequestMessage Request(string answer) => new(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new { value = 3, confidence = 0.5, answers = new Dictionary<string, string> { ["barriers-and-opportunities"] = answer } }),
            Headers = { { "Idempotency-Key", "refleksion-1" } },
        };
        await (await scene.Leader.Client.SendAsync(Request("Mangel på tid"))).ShouldHaveStatusAsync(HttpStatusCode.Created);

        var same = await scene.Leader.Client.SendAsync(Request("Mangel på tid"));
        var other = await scene.Leader.Client.SendAsync(Request("Noget andet"));

        await same.ShouldHaveStatusAsync(HttpStatusCode.OK);
        await other.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
        (await factory.WithDbAsync(db => db.ReflectionAnswers.CountAsync(a => a.Text == "Mangel på tid" || a.Text == "Noget andet"))).ShouldBe(1);
    }

    [Theory]
    [InlineData("own-leadership", "En grundlagsfrage", "answers.own-leadership")]
    [InlineData("no-such-question", "Hvad?", "answers.no-such-question")]
    [InlineData("vision-to-action", null, "answers.vision-to-action")]
    public async Task CheckIn_WithAnswerToAnUnaskedQuestionOrTooLong_Returns400NamingItAndStoresNothing(string key, string? text, string field)
    {
        var scene = await factory.ArrangeGoalSceneAsync();

        var response = await scene.Leader.Client.PostJsonAsync($"/api/key-results/{scene.KeyResultId}/check-ins",
            new { value = 3, confidence = 0.5, answers = new Dictionary<string, string> { [key] = text ?? new string('x', 2001) } });

        (await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]![field].ShouldNotBeNull();
        (await factory.WithDbAsync(db => db.CheckIns.CountAsync(c => c.KeyResultId == scene.KeyResultId))).ShouldBe(0);
    }

    [Theory]
    [InlineData("question=nope", "question")]
    [InlineData("from=2026-05-02&to=2026-05-01", "to")]
    [InlineData("take=0", "take")]
    public async Task GetMyReflections_WithBadFilter_Returns400NamingIt(string filter, string field)
    {
        var scene = await factory.ArrangeGoalSceneAsync();

        var response = await scene.Leader.Client.GetAsync($"/api/me/reflections?{filter}");

        (await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]![field].ShouldNotBeNull();
    }

    [Fact]
    public async Task Foundation_CommitsToOwnActionsAndAnswersItsQuestions_AuditedAndReplacedOnSave()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var own = (await scene.Leader.Client.CreateActionAsync(scene.GoalId, title: "Min handling")).Id();
        var colleague = await factory.CreatePersonAsync("Kaj Kollega", scene.Unit.Id, Role.Leader);
        var colleagues = (await colleague.Client.CreateActionAsync(scene.GoalId, title: "Kollegaens handling")).Id();
        var url = FoundationOf(scene.Leader.Id);

        var created = await scene.Leader.Client.PutJsonAsync(url, new
        {
            text = "Jeg leder med tillid.",
            committedGoalIds = new[] { scene.GoalId },
            committedActionIds = new[] { own, own },
            answers = new Dictionary<string, string> { ["move-yourself"] = "Jeg må lytte mere.", ["own-leadership"] = "Jeg skal uddelegere." },
        });
        var replaced = await scene.Leader.Client.PutJsonAsync(url, new
        {
            text = "Jeg leder med tillid.",
            committedActionIds = new[] { own },
            answers = new Dictionary<string, string> { ["move-yourself"] = "Jeg må lytte endnu mere." },
        }, "\"1\"");
        var notMine = await scene.Leader.Client.PutJsonAsync(url, new { text = "x", committedActionIds = new[] { colleagues } });
        var unknown = await scene.Leader.Client.PutJsonAsync(url, new { text = "x", committedActionIds = new[] { Guid.NewGuid() } });
        var checkInQuestion = await scene.Leader.Client.PutJsonAsync(url, new { text = "x", answers = new Dictionary<string, string> { ["vision-to-action"] = "x" } });

        var first = (await created.ShouldHaveStatusAsync(HttpStatusCode.Created))!;
        first["committedActionIds"]!.AsArray().Select(a => a!.GetValue<Guid>()).ShouldBe([own]);
        AnswersOf(first["answers"]).ShouldBe(new Dictionary<string, string> { ["own-leadership"] = "Jeg skal uddelegere.", ["move-yourself"] = "Jeg må lytte mere." });
        var second = (await replaced.ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        AnswersOf(second["answers"]).ShouldBe(new Dictionary<string, string> { ["move-yourself"] = "Jeg må lytte endnu mere." });
        second["committedGoalIds"]!.AsArray().ShouldBeEmpty();
        second["version"]!.GetValue<int>().ShouldBe(2);
        await notMine.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        await unknown.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        (await checkInQuestion.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]!["answers.vision-to-action"].ShouldNotBeNull();
        var audit = await factory.WithDbAsync(db => db.AuditEntries
            .Where(a => a.UnitPath == scene.Unit.Path)
            .Where(a => a.EntityType == "ReflectionAnswer" || (a.EntityType == "LeadershipFoundation" && a.Changes.Contains("CommittedActionIds")))
            .Select(a => new { a.EntityType, a.Operation }).ToListAsync());
        audit.Count(a => a.EntityType == "ReflectionAnswer").ShouldBe(4);
        audit.ShouldContain(a => a.EntityType == "ReflectionAnswer" && a.Operation == "Deleted");
        audit.ShouldContain(a => a.EntityType == "LeadershipFoundation");
        (await factory.WithDbAsync(db => db.LeadershipFoundations.Where(f => f.PersonId == scene.Leader.Id).Select(f => f.Version).SingleAsync())).ShouldBe(2);
    }

    private static async Task CountAsync(HttpClient client, string filter, int expected)
    {
        var body = (await (await client.GetAsync($"/api/me/reflections?{filter}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        body["totalCount"]!.GetValue<int>().ShouldBe(expected, filter);
    }
}
