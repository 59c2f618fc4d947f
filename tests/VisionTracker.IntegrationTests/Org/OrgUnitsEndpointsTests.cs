using System.Net;
using System.Text.Json.Nodes;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Org;

public sealed class OrgUnitsEndpointsTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private static string NewCode() => $"T{Guid.NewGuid():N}"[..12];

    [Fact]
    public async Task GetOrgUnits_AsAdmin_ReturnsFlatTreeOrderWithParentAndDepth()
    {
        var department = await factory.CreateUnitAsync("Børn og Unge");
        var division = await factory.CreateUnitAsync("Dagtilbud", department.Id, OrgUnitKind.Division);

        var body = await (await factory.Admin.GetAsync("/api/org-units")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var units = body!.AsArray().Select(u => u!).ToList();
        var ids = units.Select(u => u["id"]!.GetValue<Guid>()).ToList();
        ids.ShouldContain(factory.RootUnitId);
        ids.IndexOf(department.Id).ShouldBeLessThan(ids.IndexOf(division.Id));
        var child = units.Single(u => u["id"]!.GetValue<Guid>() == division.Id);
        child["parentId"]!.GetValue<Guid>().ShouldBe(department.Id);
        child["depth"]!.GetValue<int>().ShouldBe(2);
        units.Single(u => u["id"]!.GetValue<Guid>() == factory.RootUnitId)["depth"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task GetOrgUnits_AsDepartmentHead_ReturnsTheWholeOrgChartForFindingPartners()
    {
        var own = await factory.CreateUnitAsync("Sundhed og Omsorg");
        var ownChild = await factory.CreateUnitAsync("Hjemmeplejen", own.Id, OrgUnitKind.Division);
        var other = await factory.CreateUnitAsync("Teknik og Miljø");
        var head = await factory.CreatePersonAsync("Head", own.Id, Role.DepartmentHead);

        var units = await (await head.Client.GetAsync("/api/org-units")).ReadAsAsync<List<JsonObject>>();

        var ids = units.Select(u => u["id"]!.GetValue<Guid>()).ToList();
        ids.ShouldContain(own.Id);
        ids.ShouldContain(ownChild.Id);
        ids.ShouldContain(other.Id);
        ids.IndexOf(ownChild.Id).ShouldBeGreaterThan(ids.IndexOf(own.Id));
    }

    [Fact]
    public async Task GetOrgUnit_AsAdmin_Returns200WithETag()
    {
        var unit = await factory.CreateUnitAsync("Kultur og Borgerservice");

        var response = await factory.Admin.GetAsync($"/api/org-units/{unit.Id}");

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body!["name"]!.GetValue<string>().ShouldBe("Kultur og Borgerservice");
        body["path"]!.GetValue<string>().ShouldBe(unit.Path);
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
    }

    [Fact]
    public async Task GetOrgUnit_OutsideTheirSubtree_Returns200ButItsGoalsReturn404()
    {
        var own = await factory.CreateUnitAsync("Own department");
        var other = await factory.CreateUnitAsync("Other department");
        var head = await factory.CreatePersonAsync("Head", own.Id, Role.DepartmentHead);

        var unit = await head.Client.GetAsync($"/api/org-units/{other.Id}");
        var goals = await head.Client.GetAsync($"/api/org-units/{other.Id}/goals?periodId={Guid.NewGuid()}");

        await unit.ShouldHaveStatusAsync(HttpStatusCode.OK);
        await goals.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PostOrgUnit_AsAdmin_Returns201UnderTheParent()
    {
        var code = NewCode();

        var response = await factory.Admin.PostJsonAsync("/api/org-units", new { code, name = "Borgmesterens Afdeling", kind = "Department", parentId = factory.RootUnitId });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = body!["id"]!.GetValue<Guid>();
        body["parentId"]!.GetValue<Guid>().ShouldBe(factory.RootUnitId);
        body["kind"]!.GetValue<string>().ShouldBe("Department");
        body["path"]!.GetValue<string>().ShouldEndWith($"/{id:N}/");
        body["depth"]!.GetValue<int>().ShouldBe(1);
        response.Headers.Location!.ToString().ShouldBe($"/api/org-units/{id}");
    }

    [Fact]
    public async Task PostOrgUnit_AsAdminOfADepartment_CreatesUnitInsideIt()
    {
        var department = await factory.CreateUnitAsync("Sociale Forhold og Beskæftigelse");
        var admin = await factory.CreatePersonAsync("Department admin", department.Id, Role.Admin);

        var response = await admin.Client.PostJsonAsync("/api/org-units", new { code = NewCode(), name = "Jobcenter", kind = "Division", parentId = department.Id });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        body!["parentId"]!.GetValue<Guid>().ShouldBe(department.Id);
    }

    [Fact]
    public async Task PostOrgUnit_WithEmptyName_Returns400WithFieldError()
    {
        var response = await factory.Admin.PostJsonAsync("/api/org-units", new { code = NewCode(), name = "", kind = "Department", parentId = factory.RootUnitId });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        body!["errors"]!["name"].ShouldNotBeNull();
    }

    [Fact]
    public async Task PostOrgUnit_WithCodeInUse_Returns409()
    {
        var existing = await factory.CreateUnitAsync("Existing");

        var response = await factory.Admin.PostJsonAsync("/api/org-units", new { code = existing.Code, name = "Copy", kind = "Department", parentId = factory.RootUnitId });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
        body!["detail"]!.GetValue<string>().ShouldContain(existing.Code);
    }

    [Fact]
    public async Task PostOrgUnit_AsLeader_Returns403()
    {
        var leader = await factory.CreatePersonAsync("Leader", factory.RootUnitId, Role.Leader);

        var response = await leader.Client.PostJsonAsync("/api/org-units", new { code = NewCode(), name = "Leader's unit", kind = "Unit", parentId = factory.RootUnitId });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PutOrgUnit_AsAdminWithCurrentIfMatch_Returns200AndNewVersion()
    {
        var unit = await factory.CreateUnitAsync("Old name");
        var code = NewCode();

        var response = await factory.Admin.PutJsonAsync($"/api/org-units/{unit.Id}", new { code, name = "New name", kind = "Division", checkInCadenceDays = 7 }, "\"1\"");

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body!["name"]!.GetValue<string>().ShouldBe("New name");
        body["code"]!.GetValue<string>().ShouldBe(code);
        body["checkInCadenceDays"]!.GetValue<int>().ShouldBe(7);
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
    }

    [Fact]
    public async Task PutOrgUnit_WithStaleIfMatch_Returns412()
    {
        var unit = await factory.CreateUnitAsync("Unit");
        await factory.Admin.PutJsonAsync($"/api/org-units/{unit.Id}", new { code = unit.Code, name = "Renamed", kind = "Department" });

        var response = await factory.Admin.PutJsonAsync($"/api/org-units/{unit.Id}", new { code = unit.Code, name = "Again", kind = "Department" }, "\"1\"");

        await response.ShouldHaveStatusAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task PutOrgUnit_WithTooLongCode_Returns400WithFieldError()
    {
        var unit = await factory.CreateUnitAsync("Unit");

        var response = await factory.Admin.PutJsonAsync($"/api/org-units/{unit.Id}", new { code = new string('C', 33), name = "Unit", kind = "Department" });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        body!["errors"]!["code"].ShouldNotBeNull();
    }

    [Fact]
    public async Task PutOrgUnit_AsViewer_Returns403()
    {
        var unit = await factory.CreateUnitAsync("Unit");
        var viewer = await factory.CreatePersonAsync("Viewer", unit.Id, Role.Viewer);

        var response = await viewer.Client.PutJsonAsync($"/api/org-units/{unit.Id}", new { code = unit.Code, name = "Viewer's name", kind = "Department" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task MoveOrgUnit_UnderAnotherDepartment_ReRootsTheWholeSubtree()
    {
        var from = await factory.CreateUnitAsync("From");
        var to = await factory.CreateUnitAsync("To");
        var moved = await factory.CreateUnitAsync("Moved", from.Id, OrgUnitKind.Division);
        var grandchild = await factory.CreateUnitAsync("Grandchild", moved.Id, OrgUnitKind.Unit);

        var response = await factory.Admin.PostJsonAsync($"/api/org-units/{moved.Id}/move", new { parentId = to.Id });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body!["parentId"]!.GetValue<Guid>().ShouldBe(to.Id);
        body["path"]!.GetValue<string>().ShouldBe($"{to.Path}{moved.Id:N}/");
        var child = await (await factory.Admin.GetAsync($"/api/org-units/{grandchild.Id}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        child!["path"]!.GetValue<string>().ShouldBe($"{to.Path}{moved.Id:N}/{grandchild.Id:N}/");
        child["depth"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    public async Task MoveOrgUnit_UnderItsOwnDescendant_Returns409()
    {
        var unit = await factory.CreateUnitAsync("Parent");
        var child = await factory.CreateUnitAsync("Child", unit.Id, OrgUnitKind.Division);

        var response = await factory.Admin.PostJsonAsync($"/api/org-units/{unit.Id}/move", new { parentId = child.Id });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task MoveOrgUnit_TheRoot_Returns409()
    {
        var department = await factory.CreateUnitAsync("Department");

        var response = await factory.Admin.PostJsonAsync($"/api/org-units/{factory.RootUnitId}/move", new { parentId = department.Id });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task MoveOrgUnit_WithoutParent_Returns400WithFieldError()
    {
        var unit = await factory.CreateUnitAsync("Unit");

        var response = await factory.Admin.PostJsonAsync($"/api/org-units/{unit.Id}/move", new { parentId = Guid.Empty });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        body!["errors"]!["parentId"].ShouldNotBeNull();
    }

    [Fact]
    public async Task MoveOrgUnit_MovesItsGoalsFiguresToTheNewParentBeforeReturning()
    {
        var from = await factory.CreateUnitAsync("Fra afdeling");
        var to = await factory.CreateUnitAsync("Til afdeling");
        var unit = await factory.CreateUnitAsync("Flyttet enhed", from.Id, OrgUnitKind.Unit);
        var leader = await factory.CreatePersonAsync("Leder", unit.Id, Role.Leader);
        var plan = await factory.ArrangePlanningAsync();
        var goal = (await (await leader.Client.PostJsonAsync("/api/goals", new
        {
            periodId = plan.PeriodId,
            ownerUnitId = unit.Id,
            title = "Mål",
            citizenValue = "Værdi",
            coCreationLevel = "None",
            greenTransition = false,
        })).ShouldHaveStatusAsync(HttpStatusCode.Created))!["id"]!.GetValue<Guid>();
        await (await leader.Client.PostJsonAsync($"/api/goals/{goal}/key-results", new { title = "Ja/nej", metricKind = "YesNo" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await leader.Client.PostJsonAsync($"/api/goals/{goal}/state", new { state = "Active" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var moved = await factory.Admin.PostJsonAsync($"/api/org-units/{unit.Id}/move", new { parentId = to.Id });

        await moved.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var old = await (await factory.Admin.GetAsync($"/api/org-units/{from.Id}/goals?periodId={plan.PeriodId}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var now = await (await factory.Admin.GetAsync($"/api/org-units/{to.Id}/goals?periodId={plan.PeriodId}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        old!["alignment"]!["goalCount"]!.GetValue<int>().ShouldBe(0);
        old["figures"]!["progress"].ShouldBeNull();
        now!["alignment"]!["goalCount"]!.GetValue<int>().ShouldBe(1);
        now["figures"]!["progress"]!.GetValue<double>().ShouldBe(0);
    }
}
