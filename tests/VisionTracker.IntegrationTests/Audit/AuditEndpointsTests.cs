using System.Net;
using System.Text.Json.Nodes;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Audit;

public sealed class AuditEndpointsTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private static string NewCode() => $"A{Guid.NewGuid():N}"[..12];

    private async Task<int> AuditCountAsync() =>
        (await (await factory.Admin.GetAsync("/api/audit?take=1")).ShouldHaveStatusAsync(HttpStatusCode.OK))!["totalCount"]!.GetValue<int>();

    private async Task<Guid> CreateUnitThroughApiAsync(string name)
    {
        var response = await factory.Admin.PostJsonAsync("/api/org-units", new { code = NewCode(), name, kind = "Department", parentId = factory.RootUnitId });
        return (await response.ShouldHaveStatusAsync(HttpStatusCode.Created))!["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task GetAudit_AfterCreatingAUnit_ShowsTheEntryWithTheActor()
    {
        var me = await (await factory.Admin.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var id = await CreateUnitThroughApiAsync("Audited unit");

        var response = await factory.Admin.GetAsync($"/api/audit?entityType=OrgUnit&entityId={id}");

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body!["totalCount"]!.GetValue<int>().ShouldBe(1);
        var entry = body["items"]!.AsArray().ShouldHaveSingleItem()!;
        entry["actorId"]!.GetValue<Guid>().ShouldBe(me!["id"]!.GetValue<Guid>());
        entry["actorName"]!.GetValue<string>().ShouldBe("Administrator");
        entry["command"]!.GetValue<string>().ShouldBe("CreateOrgUnitCommand");
        entry["operation"]!.GetValue<string>().ShouldBe("Added");
        entry["changes"]!["Name"]!.GetValue<string>().ShouldBe("Audited unit");
    }

    [Fact]
    public async Task PostOrgUnit_RejectedByValidation_LeavesNoAuditEntryAndNoRow()
    {
        var before = await AuditCountAsync();
        var code = NewCode();

        var response = await factory.Admin.PostJsonAsync("/api/org-units", new { code, name = "", kind = "Department", parentId = factory.RootUnitId });

        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await AuditCountAsync()).ShouldBe(before);
        var units = await (await factory.Admin.GetAsync("/api/org-units")).ReadAsAsync<List<JsonObject>>();
        units.ShouldNotContain(u => u["code"]!.GetValue<string>() == code);
    }

    [Fact]
    public async Task PostPerson_RejectedAsDuplicate_LeavesNoAuditEntry()
    {
        var person = await factory.CreatePersonAsync("Existing", factory.RootUnitId, Role.Viewer);
        var email = (await (await factory.Admin.GetAsync($"/api/people/{person.Id}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!["email"]!.GetValue<string>();
        var before = await AuditCountAsync();

        var response = await factory.Admin.PostJsonAsync("/api/people", new { name = "Duplicate", email, homeUnitId = factory.RootUnitId });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
        (await AuditCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task GetAudit_Paged_ReturnsNewestFirst()
    {
        var first = await CreateUnitThroughApiAsync("First");
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await CreateUnitThroughApiAsync("Second");

        var body = await (await factory.Admin.GetAsync("/api/audit?entityType=OrgUnit&take=1")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var next = await (await factory.Admin.GetAsync("/api/audit?entityType=OrgUnit&take=1&skip=1")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body!["items"]!.AsArray().ShouldHaveSingleItem()!["entityId"]!.GetValue<string>().ShouldBe(second.ToString());
        next!["items"]!.AsArray().ShouldHaveSingleItem()!["entityId"]!.GetValue<string>().ShouldBe(first.ToString());
        body["take"]!.GetValue<int>().ShouldBe(1);
        body["totalCount"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task GetAudit_FromATime_LeavesOutOlderEntries()
    {
        await CreateUnitThroughApiAsync("Before");
        factory.Clock.Advance(TimeSpan.FromHours(1));
        var from = factory.Clock.GetUtcNow();
        var after = await CreateUnitThroughApiAsync("After");

        var body = await (await factory.Admin.GetAsync($"/api/audit?entityType=OrgUnit&from={Uri.EscapeDataString(from.ToString("O"))}")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body!["items"]!.AsArray().Select(e => e!["entityId"]!.GetValue<string>()).ShouldBe([after.ToString()]);
    }

    [Fact]
    public async Task GetAudit_WithTakeAboveTheLimit_Returns400WithFieldError()
    {
        var response = await factory.Admin.GetAsync("/api/audit?take=1000");

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        body!["errors"]!["take"].ShouldNotBeNull();
    }

    [Fact]
    public async Task GetAudit_AsLeader_Returns403()
    {
        var unit = await factory.CreateUnitAsync("Department");
        var leader = await factory.CreatePersonAsync("Department leader", unit.Id, Role.Leader);

        var response = await leader.Client.GetAsync("/api/audit");

        (await response.ShouldHaveStatusAsync(HttpStatusCode.Forbidden))!["code"]!.GetValue<string>().ShouldBe("ForbiddenAudit");
    }

    [Fact]
    public async Task GetAudit_AsDepartmentHead_ShowsOnlyTheirSubtreeWithStateNames()
    {
        var plan = await factory.ArrangePlanningAsync();
        var department = await factory.CreateUnitAsync("Teknik og Miljø");
        var team = await factory.CreateUnitAsync("Mobilitet", department.Id, OrgUnitKind.Unit);
        var head = await factory.CreatePersonAsync("Dorte Direktør", department.Id, Role.DepartmentHead);
        var leader = await factory.CreatePersonAsync("Lone Leder", team.Id, Role.Leader);
        var other = await factory.CreateUnitAsync("Børn og Unge");
        var otherLeader = await factory.CreatePersonAsync("Bo Børn", other.Id, Role.Leader);
        var mine = await CreateActiveGoalAsync(leader, plan.PeriodId, team.Id);
        var theirs = await CreateActiveGoalAsync(otherLeader, plan.PeriodId, other.Id);

        var body = await (await head.Client.GetAsync("/api/audit?entityType=Goal&take=100")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var adminView = await (await factory.Admin.GetAsync($"/api/audit?entityType=Goal&entityId={theirs}")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var entries = body!["items"]!.AsArray();
        entries.Select(e => e!["entityId"]!.GetValue<string>()).Distinct().ShouldBe([mine.ToString()]);
        var state = entries.Single(e => e!["command"]!.GetValue<string>() == "ChangeGoalStateCommand")!["changes"]!["State"]!;
        state["old"]!.GetValue<string>().ShouldBe("Draft");
        state["new"]!.GetValue<string>().ShouldBe("Active");
        entries.Single(e => e!["operation"]!.GetValue<string>() == "Added")!["changes"]!["CoCreationLevel"]!.GetValue<string>().ShouldBe("Involve");
        adminView!["totalCount"]!.GetValue<int>().ShouldBe(2);
    }

    private static async Task<Guid> CreateActiveGoalAsync(TestPerson leader, Guid periodId, Guid unitId)
    {
        var goal = await (await leader.Client.PostJsonAsync("/api/goals", new
        {
            periodId,
            ownerUnitId = unitId,
            title = "Flere cyklister",
            citizenValue = "Renere luft",
            coCreationLevel = "Involve",
            greenTransition = true,
        })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = goal!["id"]!.GetValue<Guid>();
        await (await leader.Client.PostJsonAsync($"/api/goals/{id}/state", new { state = "Active" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        return id;
    }
}
