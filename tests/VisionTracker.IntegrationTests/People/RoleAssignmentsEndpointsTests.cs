using System.Net;
using System.Text.Json.Nodes;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.People;

public sealed class RoleAssignmentsEndpointsTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    /// <summary>The org chart is open to all; what a unit owns (its goals and figures) is what a role scopes.</summary>
    private async Task<bool> CanSeeUnitAsync(HttpClient client, Guid unitId)
    {
        var plan = await factory.ArrangePlanningAsync();
        return (await client.GetAsync($"/api/org-units/{unitId}/goals?periodId={plan.PeriodId}")).StatusCode == HttpStatusCode.OK;
    }

    [Fact]
    public async Task PostRole_AsAdmin_Returns201AndWidensTheirScope()
    {
        var home = await factory.CreateUnitAsync("Home");
        var other = await factory.CreateUnitAsync("Other");
        var person = await factory.CreatePersonAsync("Person", home.Id, Role.Viewer);
        var before = await CanSeeUnitAsync(person.Client, other.Id);

        var response = await factory.Admin.PostJsonAsync($"/api/people/{person.Id}/roles", new { orgUnitId = other.Id, role = "Leader" });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        body!["orgUnitName"]!.GetValue<string>().ShouldBe("Other");
        body["role"]!.GetValue<string>().ShouldBe("Leader");
        before.ShouldBeFalse();
        (await CanSeeUnitAsync(person.Client, other.Id)).ShouldBeTrue();
    }

    [Fact]
    public async Task GetRoles_AsAdmin_ListsTheAssignments()
    {
        var unit = await factory.CreateUnitAsync("Unit");
        var person = await factory.CreatePersonAsync("Person", unit.Id, Role.DepartmentHead);

        var roles = await (await factory.Admin.GetAsync($"/api/people/{person.Id}/roles")).ReadAsAsync<List<JsonObject>>();

        var role = roles.ShouldHaveSingleItem();
        role["orgUnitId"]!.GetValue<Guid>().ShouldBe(unit.Id);
        role["role"]!.GetValue<string>().ShouldBe("DepartmentHead");
    }

    [Fact]
    public async Task PostRole_ThatThePersonAlreadyHolds_Returns409()
    {
        var unit = await factory.CreateUnitAsync("Unit");
        var person = await factory.CreatePersonAsync("Person", unit.Id, Role.Leader);

        var response = await factory.Admin.PostJsonAsync($"/api/people/{person.Id}/roles", new { orgUnitId = unit.Id, role = "Leader" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task PostRole_WithoutUnit_Returns400WithFieldError()
    {
        var unit = await factory.CreateUnitAsync("Unit");
        var person = await factory.CreatePersonAsync("Person", unit.Id, Role.Leader);

        var response = await factory.Admin.PostJsonAsync($"/api/people/{person.Id}/roles", new { orgUnitId = Guid.Empty, role = "Viewer" });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        body!["errors"]!["orgUnitId"].ShouldNotBeNull();
    }

    [Fact]
    public async Task PostRole_AsDepartmentHeadOverTheUnit_Returns403()
    {
        var unit = await factory.CreateUnitAsync("Unit");
        var head = await factory.CreatePersonAsync("Head", unit.Id, Role.DepartmentHead);
        var person = await factory.CreatePersonAsync("Person", unit.Id, Role.Viewer);

        var response = await head.Client.PostJsonAsync($"/api/people/{person.Id}/roles", new { orgUnitId = unit.Id, role = "Leader" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PostRole_AsDepartmentAdminOnAnotherDepartment_Returns404()
    {
        var own = await factory.CreateUnitAsync("Own");
        var other = await factory.CreateUnitAsync("Other");
        var admin = await factory.CreatePersonAsync("Department admin", own.Id, Role.Admin);
        var person = await factory.CreatePersonAsync("Person", own.Id, Role.Viewer);

        var response = await admin.Client.PostJsonAsync($"/api/people/{person.Id}/roles", new { orgUnitId = other.Id, role = "Admin" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteRole_AsAdmin_Returns204AndRemovesTheScope()
    {
        var unit = await factory.CreateUnitAsync("Unit");
        var person = await factory.CreatePersonAsync("Person", unit.Id, Role.Leader);
        var assignment = (await (await factory.Admin.GetAsync($"/api/people/{person.Id}/roles")).ReadAsAsync<List<JsonObject>>()).Single();

        var response = await factory.Admin.DeleteAsync($"/api/people/{person.Id}/roles/{assignment["id"]}");

        await response.ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        (await CanSeeUnitAsync(person.Client, unit.Id)).ShouldBeFalse();
        (await (await factory.Admin.GetAsync($"/api/people/{person.Id}/roles")).ReadAsAsync<List<JsonObject>>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeleteRole_TheLastGlobalAdmin_Returns409()
    {
        var me = await (await factory.Admin.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var global = me!["roleAssignments"]!.AsArray().Single(r => r!["orgUnitId"]!.GetValue<Guid>() == factory.RootUnitId)!;

        var response = await factory.Admin.DeleteAsync($"/api/people/{me["id"]}/roles/{global["id"]}");

        await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
        await (await factory.Admin.GetAsync("/api/audit")).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeleteRole_AGlobalAdminWhenAnotherRemains_Returns204()
    {
        var second = await factory.CreatePersonAsync("Second admin", factory.RootUnitId, Role.Admin);
        var assignment = (await (await factory.Admin.GetAsync($"/api/people/{second.Id}/roles")).ReadAsAsync<List<JsonObject>>()).Single();

        var response = await factory.Admin.DeleteAsync($"/api/people/{second.Id}/roles/{assignment["id"]}");

        await response.ShouldHaveStatusAsync(HttpStatusCode.NoContent);
    }
}
