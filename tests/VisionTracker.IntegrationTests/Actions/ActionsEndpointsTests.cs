using System.Net;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Actions;

public sealed class ActionsEndpointsTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    [Fact]
    public async Task PostAction_AsLeaderUnderOwnGoal_Returns201PlannedOwnedByCaller()
    {
        var scene = await factory.ArrangeGoalSceneAsync();

        var response = await scene.Leader.Client.PostJsonAsync("/api/actions", new
        {
            goalId = scene.GoalId,
            keyResultId = scene.KeyResultId,
            title = "  Cykelkampagne på skolerne ",
            description = "Kampagne med cykelhjelme",
            dueDate = "2027-04-30",
            citizenValue = "Flere børn cykler sikkert",
            coCreationLevel = "CoCreate",
            greenTransition = true,
        });

        var body = (await response.ShouldHaveStatusAsync(HttpStatusCode.Created))!;
        response.Headers.Location!.ToString().ShouldBe($"/api/actions/{body.Id()}");
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        body["title"]!.GetValue<string>().ShouldBe("Cykelkampagne på skolerne");
        body["state"]!.GetValue<string>().ShouldBe("Planned");
        body["ownerId"]!.GetValue<Guid>().ShouldBe(scene.Leader.Id);
        body["keyResultId"]!.GetValue<Guid>().ShouldBe(scene.KeyResultId);
        body["keyResultTitle"]!.GetValue<string>().ShouldBe("Cykelture");
        body["periodId"]!.GetValue<Guid>().ShouldBe(scene.PeriodId);
        body["orgUnitId"]!.GetValue<Guid>().ShouldBe(scene.Unit.Id);
        body["dueDate"]!.GetValue<string>().ShouldBe("2027-04-30");
        body["coCreationLevel"]!.GetValue<string>().ShouldBe("CoCreate");
        body["figures"]!["progress"]!.GetValue<double>().ShouldBe(0);
        body["allowedStates"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["InProgress", "Done", "Blocked", "Cancelled"]);
    }

    [Theory]
    [InlineData("{\"goalId\":\"GOAL\",\"title\":\"\"}", "title")]
    [InlineData("{\"goalId\":\"00000000-0000-0000-0000-000000000000\",\"title\":\"T\"}", "goalId")]
    [InlineData("{\"goalId\":\"GOAL\",\"title\":\"T\",\"citizenValue\":\"LONG\"}", "citizenValue")]
    public async Task PostAction_WithInvalidField_Returns400NamingIt(string json, string field)
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        json = json.Replace("GOAL", scene.GoalId.ToString()).Replace("LONG", new string('x', 2001));

        var response = await scene.Leader.Client.PostAsync("/api/actions", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        (await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]![field].ShouldNotBeNull();
        (await factory.WithDbAsync(db => db.Actions.CountAsync(a => a.GoalId == scene.GoalId))).ShouldBe(0);
    }

    [Fact]
    public async Task PostAction_WithKeyResultOfAnotherGoal_Returns409()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var otherGoal = await factory.ArrangeGoalAsync(scene.PeriodId, scene.Unit.Id, scene.Leader.Id, "Andet mål");
        var otherKeyResult = await factory.ArrangeKeyResultAsync(otherGoal, scene.Leader.Id);

        var response = await scene.Leader.Client.PostJsonAsync("/api/actions", new { goalId = scene.GoalId, keyResultId = otherKeyResult, title = "Forkert KR" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task PostAction_LeaderNamingAnotherOwner_Returns403()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var colleague = await factory.CreatePersonAsync("Kollega", scene.Unit.Id, Role.Leader);

        var response = await scene.Leader.Client.PostJsonAsync("/api/actions", new { goalId = scene.GoalId, ownerId = colleague.Id, title = "Til en anden" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PostAction_DepartmentHeadAssigningLeaderInScope_Returns201OwnedByLeader()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var head = await factory.CreatePersonAsync("Dorte Direktør", scene.Unit.Id, Role.DepartmentHead);

        var body = await head.Client.CreateActionAsync(scene.GoalId, ownerId: scene.Leader.Id);

        body["ownerId"]!.GetValue<Guid>().ShouldBe(scene.Leader.Id);
        body["ownerName"]!.GetValue<string>().ShouldBe("Lone Leder");
    }

    [Fact]
    public async Task PostAction_AssigningAViewer_Returns409()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var head = await factory.CreatePersonAsync("Dorte Direktør", scene.Unit.Id, Role.DepartmentHead);
        var viewer = await factory.CreatePersonAsync("Vibeke Viewer", scene.Unit.Id, Role.Viewer);

        var response = await head.Client.PostJsonAsync("/api/actions", new { goalId = scene.GoalId, ownerId = viewer.Id, title = "Til en læser" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task PostAction_InClosedPeriod_Returns409()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        await factory.ClosePeriodAsync(scene.PeriodId);

        var response = await scene.Leader.Client.PostJsonAsync("/api/actions", new { goalId = scene.GoalId, title = "For sent" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task PostAction_AsViewer_Returns403()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var viewer = await factory.CreatePersonAsync("Vibeke Viewer", scene.Unit.Id, Role.Viewer);

        var response = await viewer.Client.PostJsonAsync("/api/actions", new { goalId = scene.GoalId, title = "Læser vil skrive" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GetAction_OutsideReadScope_Returns404()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var action = await scene.Leader.Client.CreateActionAsync(scene.GoalId);
        var otherDepartment = await factory.CreateUnitAsync("Børn og Unge");
        var outsider = await factory.CreatePersonAsync("Ole Udenfor", otherDepartment.Id, Role.DepartmentHead);

        var response = await outsider.Client.GetAsync($"/api/actions/{action.Id()}");

        await response.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetAction_WithCheckInsAndCollaboration_ReturnsHistoryNewestFirstAndETag()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var partner = await factory.CreateUnitAsync("Kultur og Borgerservice", scene.Unit.Id, OrgUnitKind.Unit);
        var id = (await scene.Leader.Client.CreateActionAsync(scene.GoalId)).Id();
        await (await scene.Leader.Client.PostJsonAsync($"/api/actions/{id}/check-ins", new { progress = 0.2, confidence = 0.9, note = "Første" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        factory.Clock.Advance(TimeSpan.FromHours(1));
        await (await scene.Leader.Client.PostJsonAsync($"/api/actions/{id}/check-ins", new { progress = 0.5, confidence = 0.7, note = "Anden" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await scene.Leader.Client.PostJsonAsync($"/api/actions/{id}/collaborations", new { kind = "CrossUnit", partnerUnitId = partner.Id, description = "Fælles kampagne" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);

        var response = await scene.Leader.Client.GetAsync($"/api/actions/{id}");

        var body = (await response.ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        body["checkIns"]!.AsArray().Select(c => c!["note"]!.GetValue<string>()).ShouldBe(["Anden", "Første"]);
        body["collaborations"]!.AsArray().Single()!["partnerUnitName"]!.GetValue<string>().ShouldBe("Kultur og Borgerservice");
        body["figures"]!["progress"]!.GetValue<double>().ShouldBe(0.5);
        body["figures"]!["confidence"]!.GetValue<double>().ShouldBe(0.7);
        response.Headers.ETag!.Tag.ShouldBe($"\"{body["version"]!.GetValue<int>()}\"");
    }

    [Fact]
    public async Task ListActions_WithFilters_ReturnsOnlyMatchingActionsInCallersScope()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var otherGoal = await factory.ArrangeGoalAsync(scene.PeriodId, scene.Unit.Id, scene.Leader.Id, "Andet mål");
        var early = (await scene.Leader.Client.CreateActionAsync(scene.GoalId, title: "Tidlig", dueDate: "2027-02-01")).Id();
        var late = (await scene.Leader.Client.CreateActionAsync(scene.GoalId, title: "Sen", dueDate: "2027-05-01")).Id();
        var elsewhere = (await scene.Leader.Client.CreateActionAsync(otherGoal, title: "Andet sted")).Id();
        await (await scene.Leader.Client.PostJsonAsync($"/api/actions/{late}/state", new { state = "InProgress" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var outsider = await factory.CreatePersonAsync("Ole Udenfor", (await factory.CreateUnitAsync("Sundhed og Omsorg")).Id, Role.Leader);

        var byGoal = await (await scene.Leader.Client.GetAsync($"/api/actions?goalId={scene.GoalId}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var byState = await (await scene.Leader.Client.GetAsync($"/api/actions?periodId={scene.PeriodId}&state=InProgress")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var byOwner = await (await scene.Leader.Client.GetAsync($"/api/actions?ownerId={scene.Leader.Id}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var outside = await (await outsider.Client.GetAsync($"/api/actions?periodId={scene.PeriodId}")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        byGoal!["items"]!.AsArray().Select(a => a!.Id()).ShouldBe([early, late]);
        byGoal["items"]![0]!["goalTitle"]!.GetValue<string>().ShouldBe("Flere cyklister i Aarhus");
        byState!["items"]!.AsArray().Select(a => a!.Id()).ShouldBe([late]);
        byOwner!["totalCount"]!.GetValue<int>().ShouldBe(3);
        byOwner["items"]!.AsArray().Select(a => a!.Id()).ShouldContain(elsewhere);
        outside!["totalCount"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task ListActions_WithUnknownState_Returns400()
    {
        var scene = await factory.ArrangeGoalSceneAsync();

        var response = await scene.Leader.Client.GetAsync("/api/actions?state=Sleeping");

        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetMyActions_ReturnsOwnActionsOpenFirstByDueDateWithGoalAndKeyResultTitles()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var colleague = await factory.CreatePersonAsync("Kollega", scene.Unit.Id, Role.Leader);
        var done = (await scene.Leader.Client.CreateActionAsync(scene.GoalId, title: "Færdig", dueDate: "2027-01-15")).Id();
        var later = (await scene.Leader.Client.CreateActionAsync(scene.GoalId, scene.KeyResultId, "Senere", dueDate: "2027-06-01")).Id();
        var sooner = (await scene.Leader.Client.CreateActionAsync(scene.GoalId, title: "Snart", dueDate: "2027-03-20")).Id();
        var undated = (await scene.Leader.Client.CreateActionAsync(scene.GoalId, title: "Uden dato")).Id();
        await colleague.Client.CreateActionAsync(scene.GoalId, title: "Kollegas");
        await (await scene.Leader.Client.PostJsonAsync($"/api/actions/{done}/state", new { state = "Done" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var all = await (await scene.Leader.Client.GetAsync("/api/me/actions")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var onlyDone = await (await scene.Leader.Client.GetAsync("/api/me/actions?state=Done")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var items = all!["items"]!.AsArray();
        items.Select(a => a!.Id()).ShouldBe([sooner, later, undated, done]);
        items[1]!["goalTitle"]!.GetValue<string>().ShouldBe("Flere cyklister i Aarhus");
        items[1]!["keyResultTitle"]!.GetValue<string>().ShouldBe("Cykelture");
        onlyDone!["items"]!.AsArray().Select(a => a!.Id()).ShouldBe([done]);
    }

    [Fact]
    public async Task PutAction_WithCurrentIfMatch_UpdatesFieldsAndBumpsVersion()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var id = (await scene.Leader.Client.CreateActionAsync(scene.GoalId)).Id();

        var response = await scene.Leader.Client.PutJsonAsync($"/api/actions/{id}", new
        {
            title = "Cykelkampagne 2.0",
            description = "Nu med lånecykler",
            dueDate = "2027-05-15",
            citizenValue = "Flere kan låne en cykel",
            coCreationLevel = "Inform",
            greenTransition = false,
            keyResultId = scene.KeyResultId,
        }, "\"1\"");

        var body = (await response.ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        body["title"]!.GetValue<string>().ShouldBe("Cykelkampagne 2.0");
        body["keyResultId"]!.GetValue<Guid>().ShouldBe(scene.KeyResultId);
        body["greenTransition"]!.GetValue<bool>().ShouldBeFalse();
        body["version"]!.GetValue<int>().ShouldBe(2);
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
    }

    [Fact]
    public async Task PutAction_WithStaleIfMatch_Returns412AndChangesNothing()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var id = (await scene.Leader.Client.CreateActionAsync(scene.GoalId)).Id();
        await (await scene.Leader.Client.PutJsonAsync($"/api/actions/{id}", new { title = "Første ændring" }, "\"1\"")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var response = await scene.Leader.Client.PutJsonAsync($"/api/actions/{id}", new { title = "Forældet ændring" }, "\"1\"");

        (await response.ShouldHaveStatusAsync(HttpStatusCode.PreconditionFailed))!["currentVersion"]!.GetValue<int>().ShouldBe(2);
        var stored = await factory.WithDbAsync(db => db.Actions.AsNoTracking().SingleAsync(a => a.Id == id));
        stored.Title.ShouldBe("Første ændring");
        stored.Version.ShouldBe(2);
    }

    [Fact]
    public async Task PutAction_WithEmptyTitle_Returns400()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var id = (await scene.Leader.Client.CreateActionAsync(scene.GoalId)).Id();

        var response = await scene.Leader.Client.PutJsonAsync($"/api/actions/{id}", new { title = " " });

        (await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]!["title"].ShouldNotBeNull();
    }

    [Fact]
    public async Task PutAction_RelinkToGoalOfSamePeriod_MovesActionAndItsKeyResult()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var otherGoal = await factory.ArrangeGoalAsync(scene.PeriodId, scene.Unit.Id, scene.Leader.Id, "Andet mål");
        var otherKeyResult = await factory.ArrangeKeyResultAsync(otherGoal, scene.Leader.Id, title: "Andet KR");
        var id = (await scene.Leader.Client.CreateActionAsync(scene.GoalId, scene.KeyResultId)).Id();

        var response = await scene.Leader.Client.PutJsonAsync($"/api/actions/{id}", new { title = "Flyttet", goalId = otherGoal, keyResultId = otherKeyResult });

        var body = (await response.ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        body["goalId"]!.GetValue<Guid>().ShouldBe(otherGoal);
        body["keyResultTitle"]!.GetValue<string>().ShouldBe("Andet KR");
    }

    [Fact]
    public async Task PutAction_RelinkToGoalOfAnotherPeriod_Returns409()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var laterPeriod = await factory.ArrangePeriodAsync();
        var laterGoal = await factory.ArrangeGoalAsync(laterPeriod, scene.Unit.Id, scene.Leader.Id, "Næste periode");
        var id = (await scene.Leader.Client.CreateActionAsync(scene.GoalId)).Id();

        var response = await scene.Leader.Client.PutJsonAsync($"/api/actions/{id}", new { title = "Flyttet", goalId = laterGoal });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
    }
}
