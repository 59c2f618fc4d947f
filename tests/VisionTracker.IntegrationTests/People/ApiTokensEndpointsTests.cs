using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.People;

public sealed class ApiTokensEndpointsTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private async Task<TestPerson> NewPersonAsync(Role role = Role.Leader) =>
        await factory.CreatePersonAsync("Token holder", (await factory.CreateUnitAsync("Unit")).Id, role);

    [Fact]
    public async Task PostToken_ForThemself_Returns201WithASecretThatAuthenticates()
    {
        var person = await NewPersonAsync();

        var response = await person.Client.PostJsonAsync($"/api/people/{person.Id}/tokens", new { name = "Excel" });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var secret = body!["secret"]!.GetValue<string>();
        secret.ShouldStartWith(ApiToken.Prefix);
        body["name"]!.GetValue<string>().ShouldBe("Excel");
        var me = await (await factory.ClientWithToken(secret).GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        me!["id"]!.GetValue<Guid>().ShouldBe(person.Id);
    }

    [Fact]
    public async Task PostToken_AsAdminForAPerson_Returns201()
    {
        var person = await NewPersonAsync();

        var response = await factory.Admin.PostJsonAsync($"/api/people/{person.Id}/tokens", new { name = "Power BI" });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await factory.ClientWithToken(body!["secret"]!.GetValue<string>()).GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PostToken_ForSomeoneElseAsLeader_Returns403()
    {
        var unit = await factory.CreateUnitAsync("Unit");
        var leader = await factory.CreatePersonAsync("Leader", unit.Id, Role.Leader);
        var colleague = await factory.CreatePersonAsync("Colleague", unit.Id, Role.Leader);

        var response = await leader.Client.PostJsonAsync($"/api/people/{colleague.Id}/tokens", new { name = "Borrowed" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PostToken_WithExpiryInThePast_Returns400WithFieldError()
    {
        var person = await NewPersonAsync();

        var response = await person.Client.PostJsonAsync($"/api/people/{person.Id}/tokens", new { name = "Old", expiresAt = factory.Clock.GetUtcNow().AddMinutes(-1) });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        body!["errors"]!["expiresAt"].ShouldNotBeNull();
    }

    [Fact]
    public async Task PostToken_WithEmptyName_Returns400WithFieldError()
    {
        var person = await NewPersonAsync();

        var response = await person.Client.PostJsonAsync($"/api/people/{person.Id}/tokens", new { name = "" });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        body!["errors"]!["name"].ShouldNotBeNull();
    }

    [Fact]
    public async Task GetTokens_ForThemself_ListsTokensWithoutSecretOrHash()
    {
        var person = await NewPersonAsync();
        await person.Client.PostJsonAsync($"/api/people/{person.Id}/tokens", new { name = "Outlook" });

        var tokens = await (await person.Client.GetAsync($"/api/people/{person.Id}/tokens")).ReadAsAsync<List<JsonObject>>();

        tokens.Select(t => t["name"]!.GetValue<string>()).ShouldBe(["Outlook", "test"], ignoreOrder: true);
        tokens.ShouldAllBe(t => !t.ContainsKey("secret") && !t.ContainsKey("hash"));
        tokens.ShouldAllBe(t => t.ContainsKey("createdAt") && t.ContainsKey("expiresAt") && t.ContainsKey("revokedAt"));
    }

    [Fact]
    public async Task DeleteToken_ForThemself_RevokesIt()
    {
        var person = await NewPersonAsync();
        var issued = await (await person.Client.PostJsonAsync($"/api/people/{person.Id}/tokens", new { name = "Short-lived" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var client = factory.ClientWithToken(issued!["secret"]!.GetValue<string>());
        await (await client.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var response = await person.Client.DeleteAsync($"/api/people/{person.Id}/tokens/{issued["id"]}");

        await response.ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await client.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        var tokens = await (await person.Client.GetAsync($"/api/people/{person.Id}/tokens")).ReadAsAsync<List<JsonObject>>();
        tokens.Single(t => t["id"]!.GetValue<Guid>() == issued["id"]!.GetValue<Guid>())["revokedAt"].ShouldNotBeNull();
    }

    [Fact]
    public async Task PostToken_WithExpiry_StopsAuthenticatingOnceExpired()
    {
        var person = await NewPersonAsync();
        var expiresAt = factory.Clock.GetUtcNow().AddMinutes(30);
        var issued = await (await person.Client.PostJsonAsync($"/api/people/{person.Id}/tokens", new { name = "Expiring", expiresAt })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var client = factory.ClientWithToken(issued!["secret"]!.GetValue<string>());
        await (await client.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        factory.Clock.Advance(TimeSpan.FromMinutes(31));

        await (await client.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        await (await person.Client.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PostToken_ByDepartmentAdminForSomeoneWithWiderRoles_Returns403()
    {
        var department = await factory.CreateUnitAsync("Borgmesterens Afdeling");
        var departmentAdmin = await factory.CreatePersonAsync("Afdelingsadmin", department.Id, Role.Admin);
        var globalAdmin = await factory.CreatePersonAsync("Kommuneadmin", department.Id, Role.Viewer);
        await factory.WithDbAsync(async db =>
        {
            db.RoleAssignments.Add(new RoleAssignment { PersonId = globalAdmin.Id, OrgUnitId = factory.RootUnitId, Role = Role.Admin });
            return await db.SaveChangesAsync();
        });

        var token = await departmentAdmin.Client.PostJsonAsync($"/api/people/{globalAdmin.Id}/tokens", new { name = "Takeover" });
        var deactivate = await departmentAdmin.Client.PostAsync($"/api/people/{globalAdmin.Id}/deactivate", null);

        await token.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        await deactivate.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        (await factory.WithDbAsync(db => db.ApiTokens.CountAsync(t => t.PersonId == globalAdmin.Id))).ShouldBe(1);
    }
}
