using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Goals;

public sealed class GoalsEndpointsTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private static object NewGoal(Guid periodId, Guid unitId, string title = "Renere luft i midtbyen") => new
    {
        periodId,
        ownerUnitId = unitId,
        title,
        description = "Færre biler, flere cykler",
        citizenValue = "Borgerne i midtbyen får renere luft",
        coCreationLevel = "Involve",
        greenTransition = true,
        tags = new[] { "Klima", "klima", "Luft" },
    };

    private async Task<(TestPerson Leader, Guid UnitId, PlanningSetup Plan)> ArrangeLeaderAsync(PeriodState state = PeriodState.Active)
    {
        var unit = await factory.CreateUnitAsync("Teknik og Miljø");
        var leader = await factory.CreatePersonAsync("Lene Leder", unit.Id, Role.Leader);
        return (leader, unit.Id, await factory.ArrangePlanningAsync(state));
    }

    private static async Task<JsonNode> CreateGoalAsync(TestPerson leader, Guid periodId, Guid unitId) =>
        (await (await leader.Client.PostJsonAsync("/api/goals", NewGoal(periodId, unitId))).ShouldHaveStatusAsync(HttpStatusCode.Created))!;

    [Fact]
    public async Task PostGoal_AsLeaderOfUnit_Returns201DraftOwnedByCaller()
    {
        var (leader, unitId, plan) = await ArrangeLeaderAsync();

        var response = await leader.Client.PostJsonAsync("/api/goals", NewGoal(plan.PeriodId, unitId));

        var goal = await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        goal!["state"]!.GetValue<string>().ShouldBe("Draft");
        goal["ownerId"]!.GetValue<Guid>().ShouldBe(leader.Id);
        goal["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["klima", "luft"]);
        // A Draft goal is not running, so it has no status (its state says where it stands).
        goal["figures"]!.AsObject().ContainsKey("status").ShouldBeTrue();
        goal["figures"]!["status"].ShouldBeNull();
        response.Headers.Location!.ToString().ShouldBe($"/api/goals/{goal["id"]}");
    }

    [Fact]
    public async Task PostGoal_WithoutTitleAndCitizenValue_Returns400NamingBothFields()
    {
        var (leader, unitId, plan) = await ArrangeLeaderAsync();

        var response = await leader.Client.PostJsonAsync("/api/goals", new { periodId = plan.PeriodId, ownerUnitId = unitId, title = "", citizenValue = " ", coCreationLevel = "None", greenTransition = false });

        var problem = await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        problem!["errors"]!["title"].ShouldNotBeNull();
        problem["errors"]!["citizenValue"].ShouldNotBeNull();
        (await factory.WithDbAsync(db => db.Goals.CountAsync(g => g.PeriodId == plan.PeriodId))).ShouldBe(0);
    }

    [Fact]
    public async Task PostGoal_WithUnknownEnumAndMalformedJson_Returns400()
    {
        var (leader, unitId, plan) = await ArrangeLeaderAsync();

        var badEnum = await leader.Client.PostJsonAsync("/api/goals", new { periodId = plan.PeriodId, ownerUnitId = unitId, title = "t", citizenValue = "c", coCreationLevel = "Lots", greenTransition = false });
        var broken = await leader.Client.PostAsync("/api/goals", new StringContent("{\"title\": ", System.Text.Encoding.UTF8, "application/json"));

        (await badEnum.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["detail"]!.GetValue<string>().ShouldContain("JSON");
        await broken.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PostGoal_InClosedPeriod_Returns409AndStoresNothing()
    {
        var (leader, unitId, plan) = await ArrangeLeaderAsync(PeriodState.Closed);
        var auditBefore = await factory.WithDbAsync(db => db.AuditEntries.CountAsync());

        var response = await leader.Client.PostJsonAsync("/api/goals", NewGoal(plan.PeriodId, unitId));

        (await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict))!["code"]!.GetValue<string>().ShouldBe("PeriodClosed");
        (await factory.WithDbAsync(db => db.Goals.CountAsync(g => g.PeriodId == plan.PeriodId))).ShouldBe(0);
        (await factory.WithDbAsync(db => db.AuditEntries.CountAsync())).ShouldBe(auditBefore);
    }

    [Fact]
    public async Task PostGoal_ForAnotherDepartment_Returns404AndAsViewer403()
    {
        var (leader, _, plan) = await ArrangeLeaderAsync();
        var other = await factory.CreateUnitAsync("Børn og Unge");
        var viewer = await factory.CreatePersonAsync("Vera Viewer", other.Id, Role.Viewer);

        var outside = await leader.Client.PostJsonAsync("/api/goals", NewGoal(plan.PeriodId, other.Id));
        var asViewer = await viewer.Client.PostJsonAsync("/api/goals", NewGoal(plan.PeriodId, other.Id));

        await outside.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        await asViewer.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PutGoal_ByAnotherLeaderOfSameUnit_Returns403AndDepartmentHeadElsewhere404()
    {
        var (leader, unitId, plan) = await ArrangeLeaderAsync();
        var goal = await CreateGoalAsync(leader, plan.PeriodId, unitId);
        var colleague = await factory.CreatePersonAsync("Kalle Kollega", unitId, Role.Leader);
        var otherDept = await factory.CreateUnitAsync("Sundhed og Omsorg");
        var outsideHead = await factory.CreatePersonAsync("Hanne Chef", otherDept.Id, Role.DepartmentHead);
        var edit = new { title = "Overtaget", citizenValue = "x", coCreationLevel = "None", greenTransition = false };

        var byColleague = await colleague.Client.PutJsonAsync($"/api/goals/{goal["id"]}", edit);
        var byOutsideHead = await outsideHead.Client.PutJsonAsync($"/api/goals/{goal["id"]}", edit);

        await byColleague.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        await byOutsideHead.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        var stored = await leader.Client.GetAsync($"/api/goals/{goal["id"]}");
        (await stored.ShouldHaveStatusAsync(HttpStatusCode.OK))!["title"]!.GetValue<string>().ShouldBe("Renere luft i midtbyen");
    }

    [Fact]
    public async Task PutGoal_WithStaleIfMatch_Returns412AndKeepsTheStoredGoal()
    {
        var (leader, unitId, plan) = await ArrangeLeaderAsync();
        var goal = await CreateGoalAsync(leader, plan.PeriodId, unitId);
        var url = $"/api/goals/{goal["id"]}";
        var first = await leader.Client.PutJsonAsync(url, new { title = "Første", citizenValue = "c", coCreationLevel = "None", greenTransition = false }, "\"1\"");
        await first.ShouldHaveStatusAsync(HttpStatusCode.OK);
        first.Headers.ETag!.Tag.ShouldBe("\"2\"");

        var stale = await leader.Client.PutJsonAsync(url, new { title = "Anden", citizenValue = "c", coCreationLevel = "None", greenTransition = false }, "\"1\"");

        (await stale.ShouldHaveStatusAsync(HttpStatusCode.PreconditionFailed))!["currentVersion"]!.GetValue<int>().ShouldBe(2);
        (await (await leader.Client.GetAsync(url)).ShouldHaveStatusAsync(HttpStatusCode.OK))!["title"]!.GetValue<string>().ShouldBe("Første");
    }

    [Theory]
    [InlineData("Active", "Achieved", HttpStatusCode.OK)]
    [InlineData("Active", "Abandoned", HttpStatusCode.OK)]
    [InlineData("Abandoned", null, HttpStatusCode.OK)]
    [InlineData("Achieved", null, HttpStatusCode.Conflict)]
    public async Task PostGoalState_FollowsTheStateMachine(string first, string? second, HttpStatusCode expected)
    {
        var (leader, unitId, plan) = await ArrangeLeaderAsync();
        var goal = await CreateGoalAsync(leader, plan.PeriodId, unitId);
        var url = $"/api/goals/{goal["id"]}/state";

        var response = await leader.Client.PostJsonAsync(url, new { state = first });
        if (second is not null)
        {
            await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
            response = await leader.Client.PostJsonAsync(url, new { state = second });
        }

        await response.ShouldHaveStatusAsync(expected);
    }

    [Fact]
    public async Task ArchiveGoal_MakesItReadOnlyUntilRestored()
    {
        var (leader, unitId, plan) = await ArrangeLeaderAsync();
        var goal = await CreateGoalAsync(leader, plan.PeriodId, unitId);
        var url = $"/api/goals/{goal["id"]}";

        (await (await leader.Client.PostAsync($"{url}/archive", null)).ShouldHaveStatusAsync(HttpStatusCode.OK))!["isArchived"]!.GetValue<bool>().ShouldBeTrue();
        await (await leader.Client.PostJsonAsync($"{url}/state", new { state = "Active" })).ShouldHaveStatusAsync(HttpStatusCode.Conflict);
        await (await leader.Client.PostAsync($"{url}/archive", null)).ShouldHaveStatusAsync(HttpStatusCode.Conflict);
        (await (await leader.Client.PostAsync($"{url}/restore", null)).ShouldHaveStatusAsync(HttpStatusCode.OK))!["isArchived"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task SetParent_ToOwnChild_Returns409AndValidParentIsKept()
    {
        var (leader, unitId, plan) = await ArrangeLeaderAsync();
        var parent = await CreateGoalAsync(leader, plan.PeriodId, unitId);
        var child = await CreateGoalAsync(leader, plan.PeriodId, unitId);

        var ok = await leader.Client.PutJsonAsync($"/api/goals/{child["id"]}/parent", new { parentGoalId = parent["id"]!.GetValue<Guid>() });
        var cycle = await leader.Client.PutJsonAsync($"/api/goals/{parent["id"]}/parent", new { parentGoalId = child["id"]!.GetValue<Guid>() });

        (await ok.ShouldHaveStatusAsync(HttpStatusCode.OK))!["parentGoalId"]!.GetValue<Guid>().ShouldBe(parent["id"]!.GetValue<Guid>());
        await cycle.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
        var read = await (await leader.Client.GetAsync($"/api/goals/{parent["id"]}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        read!["childGoalIds"]!.AsArray().Select(i => i!.GetValue<Guid>()).ShouldBe([child["id"]!.GetValue<Guid>()]);
    }

    [Fact]
    public async Task AlignAndReview_ByDepartmentHead_RecordsDecisionAndLeaderCannotReview()
    {
        var (leader, unitId, plan) = await ArrangeLeaderAsync();
        var head = await factory.CreatePersonAsync("Dorte Direktør", unitId, Role.DepartmentHead);
        var goal = await CreateGoalAsync(leader, plan.PeriodId, unitId);
        var themeId = plan.ThemeIds[0];
        var aligned = await leader.Client.PutJsonAsync($"/api/goals/{goal["id"]}/themes/{themeId}", new { rationale = "Mindre CO2 fra trafikken" });
        await aligned.ShouldHaveStatusAsync(HttpStatusCode.OK);

        var byLeader = await leader.Client.PostJsonAsync($"/api/goals/{goal["id"]}/themes/{themeId}/review", new { decision = "Accepted" });
        var noComment = await head.Client.PostJsonAsync($"/api/goals/{goal["id"]}/themes/{themeId}/review", new { decision = "Rejected" });
        var review = await head.Client.GetAsync($"/api/goals/alignment-review?periodId={plan.PeriodId}");
        var accepted = await head.Client.PostJsonAsync($"/api/goals/{goal["id"]}/themes/{themeId}/review", new { decision = "Accepted", comment = "Fint" });

        await byLeader.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        (await noComment.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]!["comment"].ShouldNotBeNull();
        var pending = (await review.ShouldHaveStatusAsync(HttpStatusCode.OK))!["items"]!.AsArray();
        pending.Single(a => a!["goalId"]!.GetValue<Guid>() == goal["id"]!.GetValue<Guid>())!["reviewState"]!.GetValue<string>().ShouldBe("Proposed");
        var alignment = (await accepted.ShouldHaveStatusAsync(HttpStatusCode.OK))!["alignments"]![0]!;
        alignment["reviewState"]!.GetValue<string>().ShouldBe("Accepted");
        alignment["reviewedById"]!.GetValue<Guid>().ShouldBe(head.Id);
        (await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Command == "ReviewAlignmentCommand" && a.ActorId == head.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task Collaborations_CrossUnitLinkCountsAsBoundaryCrossing()
    {
        var (leader, unitId, plan) = await ArrangeLeaderAsync();
        var partner = await factory.CreateUnitAsync("Kultur og Borgerservice");
        var goal = await CreateGoalAsync(leader, plan.PeriodId, unitId);
        await (await leader.Client.PostJsonAsync($"/api/goals/{goal["id"]}/state", new { state = "Active" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var wrongShape = await leader.Client.PostJsonAsync($"/api/goals/{goal["id"]}/collaborations", new { kind = "CrossUnit", partnerName = "Nogen" });
        var added = await leader.Client.PostJsonAsync($"/api/goals/{goal["id"]}/collaborations", new { kind = "CrossUnit", partnerUnitId = partner.Id, description = "Fælles indsats" });

        (await wrongShape.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]!["partnerUnitId"].ShouldNotBeNull();
        var body = await added.ShouldHaveStatusAsync(HttpStatusCode.Created);
        body!["collaborations"]![0]!["partnerUnitName"]!.GetValue<string>().ShouldBe("Kultur og Borgerservice");
        var unit = await (await leader.Client.GetAsync($"/api/org-units/{unitId}/goals?periodId={plan.PeriodId}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        unit!["alignment"]!["collaborationShare"]!.GetValue<double>().ShouldBe(1);
        unit["goals"]![0]!["crossesBoundary"]!.GetValue<bool>().ShouldBeTrue();

        var removed = await leader.Client.DeleteAsync($"/api/goals/{goal["id"]}/collaborations/{body["collaborations"]![0]!["id"]}");
        (await removed.ShouldHaveStatusAsync(HttpStatusCode.OK))!["collaborations"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task CopyGoal_IntoLaterPeriod_ResetsKeyResultsAndLinksOriginal()
    {
        var (leader, unitId, plan) = await ArrangeLeaderAsync();
        var later = await factory.ArrangePlanningAsync(PeriodState.Planning, 2028);
        var goal = await CreateGoalAsync(leader, plan.PeriodId, unitId);
        await (await leader.Client.PostJsonAsync($"/api/goals/{goal["id"]}/key-results", new { title = "Cykelture", metricKind = "Number", startValue = 10, targetValue = 20 })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await factory.WithDbAsync(async db =>
        {
            var kr = await db.KeyResults.SingleAsync(k => k.GoalId == goal["id"]!.GetValue<Guid>());
            kr.CurrentValue = 15;
            return await db.SaveChangesAsync();
        });

        var backwards = await leader.Client.PostJsonAsync($"/api/goals/{goal["id"]}/copy", new { targetPeriodId = plan.PeriodId });
        var copied = await leader.Client.PostJsonAsync($"/api/goals/{goal["id"]}/copy", new { targetPeriodId = later.PeriodId });

        await backwards.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
        var copy = await copied.ShouldHaveStatusAsync(HttpStatusCode.Created);
        copy!["copiedFromGoalId"]!.GetValue<Guid>().ShouldBe(goal["id"]!.GetValue<Guid>());
        copy["periodId"]!.GetValue<Guid>().ShouldBe(later.PeriodId);
        copy["state"]!.GetValue<string>().ShouldBe("Draft");
        var kr = copy["keyResults"]![0]!;
        kr["currentValue"]!.GetValue<double>().ShouldBe(10);
        kr["progress"]!.GetValue<double>().ShouldBe(0);
        copy["checkIns"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task ListGoals_IsScopedToCallerAndFiltersByTag()
    {
        var (leader, unitId, plan) = await ArrangeLeaderAsync();
        var (otherLeader, otherUnit, _) = await ArrangeLeaderAsync();
        await CreateGoalAsync(leader, plan.PeriodId, unitId);
        await CreateGoalAsync(otherLeader, plan.PeriodId, otherUnit);

        var mine = await leader.Client.GetAsync($"/api/goals?periodId={plan.PeriodId}&tag=KLIMA");
        var all = await factory.Admin.GetAsync($"/api/goals?periodId={plan.PeriodId}");
        var badTake = await leader.Client.GetAsync($"/api/goals?take=100000");
        var badGuid = await leader.Client.GetAsync($"/api/goals?periodId=nope");

        var page = await mine.ShouldHaveStatusAsync(HttpStatusCode.OK);
        page!["totalCount"]!.GetValue<int>().ShouldBe(1);
        page["items"]![0]!["ownerUnitId"]!.GetValue<Guid>().ShouldBe(unitId);
        (await all.ShouldHaveStatusAsync(HttpStatusCode.OK))!["totalCount"]!.GetValue<int>().ShouldBe(2);
        await badTake.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        await badGuid.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SetParent_ToAnotherDepartmentsGoal_Returns409EvenWhenReadable()
    {
        var (leader, unitId, plan) = await ArrangeLeaderAsync();
        var (otherLeader, otherUnit, _) = await ArrangeLeaderAsync();
        var foreign = await CreateGoalAsync(otherLeader, plan.PeriodId, otherUnit);
        await factory.WithDbAsync(async db =>
        {
            db.RoleAssignments.Add(new RoleAssignment { PersonId = leader.Id, OrgUnitId = otherUnit, Role = Role.Viewer });
            return await db.SaveChangesAsync();
        });
        var mine = await CreateGoalAsync(leader, plan.PeriodId, unitId);

        var response = await leader.Client.PutJsonAsync($"/api/goals/{mine["id"]}/parent", new { parentGoalId = foreign["id"]!.GetValue<Guid>() });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
        var parent = await (await otherLeader.Client.GetAsync($"/api/goals/{foreign["id"]}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        parent!["childGoalIds"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task AlignGoal_IsANewVersionOfTheGoalAndHonoursIfMatch()
    {
        var (leader, unitId, plan) = await ArrangeLeaderAsync();
        var goal = await CreateGoalAsync(leader, plan.PeriodId, unitId);
        var url = $"/api/goals/{goal["id"]}/themes/{plan.ThemeIds[0]}";

        var first = await leader.Client.PutJsonAsync(url, new { rationale = "Første begrundelse" }, "\"1\"");
        var stale = await leader.Client.PutJsonAsync(url, new { rationale = "Overskriver" }, "\"1\"");
        var collaboration = await leader.Client.PostAsync($"/api/goals/{goal["id"]}/collaborations", null);

        (await first.ShouldHaveStatusAsync(HttpStatusCode.OK))!["version"]!.GetValue<int>().ShouldBe(2);
        await stale.ShouldHaveStatusAsync(HttpStatusCode.PreconditionFailed);
        var read = await (await leader.Client.GetAsync($"/api/goals/{goal["id"]}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        read!["alignments"]![0]!["rationale"]!.GetValue<string>().ShouldBe("Første begrundelse");
        await collaboration.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetGoal_HidesThePartnerGoalTitleFromReadersWhoCannotReadIt()
    {
        var (leader, unitId, plan) = await ArrangeLeaderAsync();
        var (otherLeader, otherUnit, _) = await ArrangeLeaderAsync();
        var partner = await CreateGoalAsync(otherLeader, plan.PeriodId, otherUnit);
        await factory.WithDbAsync(async db =>
        {
            db.RoleAssignments.Add(new RoleAssignment { PersonId = leader.Id, OrgUnitId = otherUnit, Role = Role.Viewer });
            return await db.SaveChangesAsync();
        });
        var goal = await CreateGoalAsync(leader, plan.PeriodId, unitId);
        var viewer = await factory.CreatePersonAsync("Vibeke Viewer", unitId, Role.Viewer);
        await (await leader.Client.PostJsonAsync($"/api/goals/{goal["id"]}/collaborations", new { kind = "GoalDependency", partnerGoalId = partner["id"]!.GetValue<Guid>() }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);

        var asLeader = await (await leader.Client.GetAsync($"/api/goals/{goal["id"]}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var asViewer = await (await viewer.Client.GetAsync($"/api/goals/{goal["id"]}")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        asLeader!["collaborations"]![0]!["partnerGoalTitle"]!.GetValue<string>().ShouldBe("Renere luft i midtbyen");
        asViewer!["collaborations"]![0]!["partnerGoalTitle"].ShouldBeNull();
        asViewer["collaborations"]![0]!["partnerGoalId"]!.GetValue<Guid>().ShouldBe(partner["id"]!.GetValue<Guid>());
    }
}
