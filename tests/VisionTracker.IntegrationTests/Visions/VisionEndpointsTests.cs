using System.Net;
using System.Text.Json.Nodes;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Visions;

public sealed class VisionEndpointsTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private async Task<JsonNode> CreateVisionAsync(string title = "Aarhus – en god by for alle")
    {
        var response = await factory.Admin.PostJsonAsync("/api/visions", new { title, narrative = "En by med drive og fællesskab.", validFrom = "2026-01-01" });
        return (await response.ShouldHaveStatusAsync(HttpStatusCode.Created))!;
    }

    private async Task<JsonNode> AddThemeAsync(JsonNode vision, string title, int? sortOrder = null)
    {
        var response = await factory.Admin.PostJsonAsync($"/api/visions/{vision["id"]}/themes", new { title, description = "", sortOrder });
        return (await response.ShouldHaveStatusAsync(HttpStatusCode.Created))!;
    }

    [Fact]
    public async Task PostVision_AsAdmin_Returns201Inactive()
    {
        var response = await factory.Admin.PostJsonAsync("/api/visions", new { title = "Fortællingen om Aarhus", validFrom = "2026-01-01", validTo = "2030-12-31" });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        body!["isActive"]!.GetValue<bool>().ShouldBeFalse();
        body["validTo"]!.GetValue<string>().ShouldBe("2030-12-31");
        body["themes"]!.AsArray().ShouldBeEmpty();
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
    }

    [Fact]
    public async Task PostVision_WithEmptyTitle_Returns400WithFieldError()
    {
        var response = await factory.Admin.PostJsonAsync("/api/visions", new { title = "", validFrom = "2026-01-01" });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        body!["errors"]!["title"].ShouldNotBeNull();
    }

    [Fact]
    public async Task PostVision_AsDepartmentAdmin_Returns403()
    {
        var unit = await factory.CreateUnitAsync("Department");
        var admin = await factory.CreatePersonAsync("Department admin", unit.Id, Role.Admin);

        var response = await admin.Client.PostJsonAsync("/api/visions", new { title = "Our own vision", validFrom = "2026-01-01" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PutVision_WithCurrentIfMatch_Returns200AndNewVersion()
    {
        var vision = await CreateVisionAsync();

        var response = await factory.Admin.PutJsonAsync($"/api/visions/{vision["id"]}", new { title = "Renewed", narrative = "Ny fortælling", validFrom = "2027-01-01" }, "\"1\"");

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body!["title"]!.GetValue<string>().ShouldBe("Renewed");
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
    }

    [Fact]
    public async Task PutVision_WithValidToBeforeValidFrom_Returns400WithFieldError()
    {
        var vision = await CreateVisionAsync();

        var response = await factory.Admin.PutJsonAsync($"/api/visions/{vision["id"]}", new { title = "Backwards", validFrom = "2027-01-01", validTo = "2026-01-01" });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        body!["errors"]!["validTo"].ShouldNotBeNull();
    }

    [Fact]
    public async Task ActivateVision_WhenAnotherIsActive_LeavesExactlyOneActive()
    {
        var first = await CreateVisionAsync("First");
        var second = await CreateVisionAsync("Second");
        await (await factory.Admin.PostAsync($"/api/visions/{first["id"]}/activate", null)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var response = await factory.Admin.PostAsync($"/api/visions/{second["id"]}/activate", null);

        (await response.ShouldHaveStatusAsync(HttpStatusCode.OK))!["isActive"]!.GetValue<bool>().ShouldBeTrue();
        var all = await (await factory.Admin.GetAsync("/api/visions")).ReadAsAsync<List<JsonObject>>();
        all.Where(v => v["isActive"]!.GetValue<bool>()).Select(v => v["id"]!.GetValue<Guid>()).ShouldBe([second["id"]!.GetValue<Guid>()]);
        var active = await (await factory.Admin.GetAsync("/api/visions/active")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        active!["title"]!.GetValue<string>().ShouldBe("Second");
    }

    [Fact]
    public async Task GetVision_WithThemes_ReturnsThemesInOrderWithETag()
    {
        var vision = await CreateVisionAsync();
        await AddThemeAsync(vision, "Sundhed og tryghed for alle", 2);
        await AddThemeAsync(vision, "En grøn og klimavenlig by", 1);
        var last = await AddThemeAsync(vision, "Aktivt medborgerskab");

        var response = await factory.Admin.GetAsync($"/api/visions/{vision["id"]}");

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body!["themes"]!.AsArray().Select(t => t!["title"]!.GetValue<string>())
            .ShouldBe(["En grøn og klimavenlig by", "Sundhed og tryghed for alle", "Aktivt medborgerskab"]);
        last["sortOrder"]!.GetValue<int>().ShouldBe(3);
        response.Headers.ETag.ShouldNotBeNull();
    }

    [Fact]
    public async Task PostTheme_WithEmptyTitle_Returns400WithFieldError()
    {
        var vision = await CreateVisionAsync();

        var response = await factory.Admin.PostJsonAsync($"/api/visions/{vision["id"]}/themes", new { title = "" });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        body!["errors"]!["title"].ShouldNotBeNull();
    }

    [Fact]
    public async Task PostTheme_ToUnknownVision_Returns404()
    {
        var response = await factory.Admin.PostJsonAsync($"/api/visions/{Guid.NewGuid()}/themes", new { title = "Orphan" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutTheme_WithCurrentIfMatch_Returns200()
    {
        var theme = await AddThemeAsync(await CreateVisionAsync(), "Børn og unge i trivsel");

        var response = await factory.Admin.PutJsonAsync($"/api/themes/{theme["id"]}", new { title = "Børn og unge der trives og lærer", description = "Alle børn", sortOrder = 5 }, "\"1\"");

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body!["title"]!.GetValue<string>().ShouldBe("Børn og unge der trives og lærer");
        body["sortOrder"]!.GetValue<int>().ShouldBe(5);
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
    }

    [Fact]
    public async Task PutTheme_WithStaleIfMatch_Returns412()
    {
        var theme = await AddThemeAsync(await CreateVisionAsync(), "Theme");
        await factory.Admin.PutJsonAsync($"/api/themes/{theme["id"]}", new { title = "Changed", sortOrder = 1 });

        var response = await factory.Admin.PutJsonAsync($"/api/themes/{theme["id"]}", new { title = "Stale", sortOrder = 1 }, "\"1\"");

        await response.ShouldHaveStatusAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task PutTheme_WithNegativeSortOrder_Returns400WithFieldError()
    {
        var theme = await AddThemeAsync(await CreateVisionAsync(), "Theme");

        var response = await factory.Admin.PutJsonAsync($"/api/themes/{theme["id"]}", new { title = "Theme", sortOrder = -1 });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        body!["errors"]!["sortOrder"].ShouldNotBeNull();
    }

    [Fact]
    public async Task PutTheme_AsViewer_Returns403()
    {
        var theme = await AddThemeAsync(await CreateVisionAsync(), "Theme");
        var viewer = await factory.CreatePersonAsync("Viewer", factory.RootUnitId, Role.Viewer);

        var response = await viewer.Client.PutJsonAsync($"/api/themes/{theme["id"]}", new { title = "Viewer's theme", sortOrder = 1 });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GetThemes_AsViewer_ReturnsTheActiveVisionsThemesInOrder()
    {
        var inactive = await CreateVisionAsync("Inactive");
        await AddThemeAsync(inactive, "Not shown", 0);
        var active = await CreateVisionAsync("Active");
        await AddThemeAsync(active, "Second", 2);
        await AddThemeAsync(active, "First", 1);
        await (await factory.Admin.PostAsync($"/api/visions/{active["id"]}/activate", null)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var viewer = await factory.CreatePersonAsync("Viewer", factory.RootUnitId, Role.Viewer);

        var themes = await (await viewer.Client.GetAsync("/api/themes")).ReadAsAsync<List<JsonObject>>();

        themes.Select(t => t["title"]!.GetValue<string>()).ShouldBe(["First", "Second"]);
        themes.ShouldAllBe(t => t["visionId"]!.GetValue<Guid>() == active["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task GetTheme_AsAdmin_Returns200WithETag()
    {
        var theme = await AddThemeAsync(await CreateVisionAsync(), "Smart city");

        var response = await factory.Admin.GetAsync($"/api/themes/{theme["id"]}");

        (await response.ShouldHaveStatusAsync(HttpStatusCode.OK))!["title"]!.GetValue<string>().ShouldBe("Smart city");
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
    }
}
