using System.Net;
using System.Text.Json.Nodes;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Security;

/// <summary>
/// OWASP API3:2023 Broken Object Property Level Authorization: a check-in's reflection note is read by its author, by
/// those who may change its subject and by department heads in scope — not by viewers, nor by other leaders — in REST
/// as in the OData feed (which carries no notes at all).
/// </summary>
public sealed class ReflectionTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private const string Note = "Vi lærte at skilte tidligt; næste skridt er borgermødet.";

    public enum Reader
    {
        Author,
        DepartmentHead,
        Admin,
        OtherLeader,
        Viewer,
    }

    [Theory]
    [InlineData(Reader.Author, true)]
    [InlineData(Reader.DepartmentHead, true)]
    [InlineData(Reader.Admin, true)]
    [InlineData(Reader.OtherLeader, false)]
    [InlineData(Reader.Viewer, false)]
    public async Task Api3_BrokenObjectPropertyLevelAuthorization_KeyResultReflection_IsReadOnlyByThoseInvolved(Reader reader, bool reads)
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var checkIn = await scene.Leader.Client.PostJsonAsync($"/api/key-results/{scene.KeyResultId}/check-ins", new { value = 50, confidence = 0.6, note = Note });
        await checkIn.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var client = await ClientOfAsync(reader, scene);

        var list = (await (await client.GetAsync($"/api/key-results/{scene.KeyResultId}/check-ins")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        var goal = (await (await client.GetAsync($"/api/goals/{scene.GoalId}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;

        NoteOf(list["items"]!).ShouldBe(reads ? Note : null);
        NoteOf(goal["checkIns"]!).ShouldBe(reads ? Note : null);
    }

    [Theory]
    [InlineData(Reader.Author, true)]
    [InlineData(Reader.DepartmentHead, true)]
    [InlineData(Reader.OtherLeader, false)]
    [InlineData(Reader.Viewer, false)]
    public async Task Api3_BrokenObjectPropertyLevelAuthorization_ActionReflection_IsReadOnlyByThoseInvolved(Reader reader, bool reads)
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var action = await scene.Leader.Client.CreateActionAsync(scene.GoalId);
        var checkIn = await scene.Leader.Client.PostJsonAsync($"/api/actions/{action.Id()}/check-ins", new { state = "InProgress", progress = 0.3, confidence = 0.6, note = Note });
        await checkIn.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var client = await ClientOfAsync(reader, scene);

        var list = (await (await client.GetAsync($"/api/actions/{action.Id()}/check-ins")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        var detail = (await (await client.GetAsync($"/api/actions/{action.Id()}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;

        NoteOf(list["items"]!).ShouldBe(reads ? Note : null);
        NoteOf(detail["checkIns"]!).ShouldBe(reads ? Note : null);
    }

    [Fact]
    public async Task Api3_BrokenObjectPropertyLevelAuthorization_Feed_CarriesNoReflection()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        await scene.Leader.Client.PostJsonAsync($"/api/key-results/{scene.KeyResultId}/check-ins", new { value = 50, confidence = 0.6, note = Note });

        var rows = await scene.Leader.Client.GetAsync($"/odata/CheckIns?$filter=KeyResultId eq {scene.KeyResultId}");
        var selected = await factory.Admin.GetAsync("/odata/CheckIns?$select=Note");

        (await rows.Content.ReadAsStringAsync()).ShouldNotContain(Note);
        selected.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private async Task<HttpClient> ClientOfAsync(Reader reader, GoalScene scene) => reader switch
    {
        Reader.Author => scene.Leader.Client,
        Reader.Admin => factory.Admin,
        _ => (await factory.CreatePersonAsync(reader.ToString(), scene.Unit.Id, reader switch
        {
            Reader.DepartmentHead => Role.DepartmentHead,
            Reader.OtherLeader => Role.Leader,
            _ => Role.Viewer,
        })).Client,
    };

    private static string? NoteOf(JsonNode checkIns) => checkIns.AsArray().ShouldHaveSingleItem()!["note"]?.GetValue<string>();
}
