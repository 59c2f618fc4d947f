using System.Net;
using System.Text.Json.Nodes;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.People;

public sealed class PeopleEndpointsTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private static string NewEmail() => $"{Guid.NewGuid():N}@aarhus.dk";

    private async Task<JsonNode> CreatePersonAsync(Guid unitId, string name = "Mette Jensen")
    {
        var response = await factory.Admin.PostJsonAsync("/api/people", new { name, email = NewEmail(), jobTitle = "Leder", homeUnitId = unitId, culture = "da" });
        return (await response.ShouldHaveStatusAsync(HttpStatusCode.Created))!;
    }

    [Fact]
    public async Task GetPeople_AsDepartmentHead_ListsOnlyPeopleInScopeWithoutTheirEmail()
    {
        var own = await factory.CreateUnitAsync("Own");
        var other = await factory.CreateUnitAsync("Other");
        var head = await factory.CreatePersonAsync("Head", own.Id, Role.DepartmentHead);
        var colleague = await factory.CreatePersonAsync("Colleague", own.Id, Role.Leader);
        var stranger = await factory.CreatePersonAsync("Stranger", other.Id, Role.Leader);

        var people = await (await head.Client.GetAsync("/api/people")).ReadAsAsync<List<JsonObject>>();

        var ids = people.Select(p => p["id"]!.GetValue<Guid>()).ToList();
        ids.ShouldBe([colleague.Id, head.Id], ignoreOrder: true);
        ids.ShouldNotContain(stranger.Id);
        var seen = people.Single(p => p["id"]!.GetValue<Guid>() == colleague.Id);
        seen["email"].ShouldBeNull();
        seen["homeUnitName"]!.GetValue<string>().ShouldBe("Own");
        people.Single(p => p["id"]!.GetValue<Guid>() == head.Id)["email"].ShouldNotBeNull();
    }

    [Fact]
    public async Task GetPeople_AsAdmin_IncludesEmail()
    {
        var unit = await factory.CreateUnitAsync("Unit");
        var created = await CreatePersonAsync(unit.Id);

        var people = await (await factory.Admin.GetAsync("/api/people")).ReadAsAsync<List<JsonObject>>();

        var person = people.Single(p => p["id"]!.GetValue<Guid>() == created["id"]!.GetValue<Guid>());
        person["email"]!.GetValue<string>().ShouldBe(created["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetPerson_AsAdmin_Returns200WithETag()
    {
        var unit = await factory.CreateUnitAsync("Unit");
        var created = await CreatePersonAsync(unit.Id, "Lars Nielsen");

        var response = await factory.Admin.GetAsync($"/api/people/{created["id"]}");

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body!["name"]!.GetValue<string>().ShouldBe("Lars Nielsen");
        body["jobTitle"]!.GetValue<string>().ShouldBe("Leder");
        body["culture"]!.GetValue<string>().ShouldBe("da");
        body["isActive"]!.GetValue<bool>().ShouldBeTrue();
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
    }

    [Fact]
    public async Task GetPerson_OutsideCallersScope_Returns404()
    {
        var own = await factory.CreateUnitAsync("Own");
        var other = await factory.CreateUnitAsync("Other");
        var head = await factory.CreatePersonAsync("Head", own.Id, Role.DepartmentHead);
        var stranger = await factory.CreatePersonAsync("Stranger", other.Id, Role.Leader);

        var response = await head.Client.GetAsync($"/api/people/{stranger.Id}");

        await response.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PostPerson_AsAdmin_Returns201()
    {
        var unit = await factory.CreateUnitAsync("Unit");
        var email = NewEmail();

        var response = await factory.Admin.PostJsonAsync("/api/people", new { name = "Sara Holm", email, homeUnitId = unit.Id, culture = "en" });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        body!["email"]!.GetValue<string>().ShouldBe(email);
        body["homeUnitId"]!.GetValue<Guid>().ShouldBe(unit.Id);
        body["culture"]!.GetValue<string>().ShouldBe("en");
        response.Headers.Location!.ToString().ShouldBe($"/api/people/{body["id"]}");
    }

    [Fact]
    public async Task PostPerson_WithMalformedEmail_Returns400WithFieldError()
    {
        var unit = await factory.CreateUnitAsync("Unit");

        var response = await factory.Admin.PostJsonAsync("/api/people", new { name = "No Mail", email = "not-an-address", homeUnitId = unit.Id });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        body!["errors"]!["email"].ShouldNotBeNull();
    }

    [Fact]
    public async Task PostPerson_WithUnsupportedCulture_Returns400WithFieldError()
    {
        var unit = await factory.CreateUnitAsync("Unit");

        var response = await factory.Admin.PostJsonAsync("/api/people", new { name = "Hans", email = NewEmail(), homeUnitId = unit.Id, culture = "de" });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        body!["errors"]!["culture"].ShouldNotBeNull();
    }

    [Fact]
    public async Task PostPerson_WithEmailInUse_Returns409NamingTheAddress()
    {
        var unit = await factory.CreateUnitAsync("Unit");
        var existing = await CreatePersonAsync(unit.Id);
        var email = existing["email"]!.GetValue<string>().ToUpperInvariant();

        var response = await factory.Admin.PostJsonAsync("/api/people", new { name = "Twin", email, homeUnitId = unit.Id });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
        body!["detail"]!.GetValue<string>().ShouldContain(email);
    }

    [Fact]
    public async Task PostPerson_AsViewer_Returns403()
    {
        var unit = await factory.CreateUnitAsync("Unit");
        var viewer = await factory.CreatePersonAsync("Viewer", unit.Id, Role.Viewer);

        var response = await viewer.Client.PostJsonAsync("/api/people", new { name = "Someone", email = NewEmail(), homeUnitId = unit.Id });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PutPerson_WithCurrentIfMatch_Returns200AndNewVersion()
    {
        var from = await factory.CreateUnitAsync("From");
        var to = await factory.CreateUnitAsync("To");
        var person = await CreatePersonAsync(from.Id);

        var response = await factory.Admin.PutJsonAsync(
            $"/api/people/{person["id"]}", new { name = "New Name", email = NewEmail(), jobTitle = "Chef", homeUnitId = to.Id, culture = "en" }, "\"1\"");

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body!["name"]!.GetValue<string>().ShouldBe("New Name");
        body["homeUnitName"]!.GetValue<string>().ShouldBe("To");
        body["version"]!.GetValue<int>().ShouldBe(2);
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
    }

    [Fact]
    public async Task PutPerson_WithStaleIfMatch_Returns412AndKeepsTheName()
    {
        var unit = await factory.CreateUnitAsync("Unit");
        var person = await CreatePersonAsync(unit.Id, "Original");
        var email = person["email"]!.GetValue<string>();
        await factory.Admin.PutJsonAsync($"/api/people/{person["id"]}", new { name = "Original", email, jobTitle = "Other title", homeUnitId = unit.Id, culture = "da" });

        var response = await factory.Admin.PutJsonAsync(
            $"/api/people/{person["id"]}", new { name = "Overwritten", email, homeUnitId = unit.Id, culture = "da" }, "\"1\"");

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.PreconditionFailed);
        body!["currentVersion"]!.GetValue<int>().ShouldBe(2);
        var current = await (await factory.Admin.GetAsync($"/api/people/{person["id"]}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        current!["name"]!.GetValue<string>().ShouldBe("Original");
    }

    [Fact]
    public async Task PutPerson_WithEmptyName_Returns400WithFieldError()
    {
        var unit = await factory.CreateUnitAsync("Unit");
        var person = await CreatePersonAsync(unit.Id);

        var response = await factory.Admin.PutJsonAsync($"/api/people/{person["id"]}", new { name = " ", email = NewEmail(), homeUnitId = unit.Id, culture = "da" });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        body!["errors"]!["name"].ShouldNotBeNull();
    }

    [Fact]
    public async Task DeactivatePerson_AsAdmin_StopsTheirTokenUntilReactivated()
    {
        var unit = await factory.CreateUnitAsync("Unit");
        var person = await factory.CreatePersonAsync("Leaving", unit.Id, Role.Leader);

        var deactivated = await factory.Admin.PostAsync($"/api/people/{person.Id}/deactivate", null);
        var whileInactive = await person.Client.GetAsync("/api/me");
        var reactivated = await factory.Admin.PostAsync($"/api/people/{person.Id}/reactivate", null);
        var afterwards = await person.Client.GetAsync("/api/me");

        (await deactivated.ShouldHaveStatusAsync(HttpStatusCode.OK))!["isActive"]!.GetValue<bool>().ShouldBeFalse();
        await whileInactive.ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        (await reactivated.ShouldHaveStatusAsync(HttpStatusCode.OK))!["isActive"]!.GetValue<bool>().ShouldBeTrue();
        await afterwards.ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeactivatePerson_TheLastGlobalAdmin_Returns409()
    {
        var me = await (await factory.Admin.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var response = await factory.Admin.PostAsync($"/api/people/{me!["id"]}/deactivate", null);

        await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
        await (await factory.Admin.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GetMe_AsLeader_ReturnsTheirRoleAssignments()
    {
        var unit = await factory.CreateUnitAsync("Leader's unit");
        var leader = await factory.CreatePersonAsync("Leader", unit.Id, Role.Leader, "en");

        var response = await leader.Client.GetAsync("/api/me");

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body!["id"]!.GetValue<Guid>().ShouldBe(leader.Id);
        body["culture"]!.GetValue<string>().ShouldBe("en");
        var role = body["roleAssignments"]!.AsArray().ShouldHaveSingleItem()!;
        role["orgUnitId"]!.GetValue<Guid>().ShouldBe(unit.Id);
        role["orgUnitName"]!.GetValue<string>().ShouldBe("Leader's unit");
        role["role"]!.GetValue<string>().ShouldBe("Leader");
    }
}
