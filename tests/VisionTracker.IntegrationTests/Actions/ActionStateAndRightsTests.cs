using System.Net;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Actions;

public sealed class ActionStateAndRightsTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private async Task<(GoalScene Scene, Guid ActionId)> ArrangeActionAsync()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var action = await scene.Leader.Client.CreateActionAsync(scene.GoalId, scene.KeyResultId);
        return (scene, action.Id());
    }

    private static Task<HttpResponseMessage> MoveAsync(TestPerson person, Guid actionId, string state) =>
        person.Client.PostJsonAsync($"/api/actions/{actionId}/state", new { state });

    [Fact]
    public async Task PostState_AlongAllowedTransitions_MovesAndRollsProgress()
    {
        var (scene, id) = await ArrangeActionAsync();

        var started = await (await MoveAsync(scene.Leader, id, "InProgress")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var blocked = await (await MoveAsync(scene.Leader, id, "Blocked")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var resumed = await (await MoveAsync(scene.Leader, id, "InProgress")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var done = await (await MoveAsync(scene.Leader, id, "Done")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        started!["state"]!.GetValue<string>().ShouldBe("InProgress");
        blocked!["allowedStates"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["InProgress", "Cancelled"]);
        resumed!["figures"]!["progress"]!.GetValue<double>().ShouldBe(0);
        done!["state"]!.GetValue<string>().ShouldBe("Done");
        done["figures"]!["progress"]!.GetValue<double>().ShouldBe(1);
        (await factory.WithDbAsync(db => db.Actions.Where(a => a.Id == id).Select(a => a.Progress).SingleAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task PostState_Cancelled_LeavesActionOutOfTheFigures()
    {
        var (scene, id) = await ArrangeActionAsync();
        await (await scene.Leader.Client.PostJsonAsync($"/api/actions/{id}/check-ins", new { progress = 0.6, confidence = 0.8 })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        var response = await MoveAsync(scene.Leader, id, "Cancelled");

        var body = (await response.ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        body["figures"]!["progress"].ShouldBeNull();
        body["figures"]!["status"].ShouldBeNull("a cancelled action is not running, so it has no status");
        body["reportedProgress"]!.GetValue<double>().ShouldBe(0.6);
        (await factory.WithDbAsync(db => db.Actions.Where(a => a.Id == id).Select(a => a.Progress).SingleAsync())).ShouldBeNull();
    }

    [Fact]
    public async Task PostState_RefusedTransition_Returns409NamingAllowedStates()
    {
        var (scene, id) = await ArrangeActionAsync();
        await (await MoveAsync(scene.Leader, id, "Done")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var response = await MoveAsync(scene.Leader, id, "Blocked");

        var body = (await response.ShouldHaveStatusAsync(HttpStatusCode.Conflict))!;
        body["code"]!.GetValue<string>().ShouldBe("ActionStateTransition");
        body["detail"]!.GetValue<string>().ShouldContain("fra Done kan den gå til InProgress");
        (await factory.WithDbAsync(db => db.Actions.Where(a => a.Id == id).Select(a => a.State).SingleAsync())).ShouldBe(Domain.Actions.ActionState.Done);
    }

    [Fact]
    public async Task PostState_WithUnknownState_Returns400()
    {
        var (scene, id) = await ArrangeActionAsync();

        var response = await MoveAsync(scene.Leader, id, "Sleeping");

        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PutAction_ByAnotherLeaderOfTheUnit_Returns403()
    {
        var (scene, id) = await ArrangeActionAsync();
        var leaderB = await factory.CreatePersonAsync("Bent Leder", scene.Unit.Id, Role.Leader);

        var update = await leaderB.Client.PutJsonAsync($"/api/actions/{id}", new { title = "Kapret" });
        var state = await MoveAsync(leaderB, id, "Cancelled");

        await update.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        await state.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        (await factory.WithDbAsync(db => db.Actions.Where(a => a.Id == id).Select(a => a.Title).SingleAsync())).ShouldBe("Cykelkampagne");
    }

    [Fact]
    public async Task PostState_AsViewer_Returns403()
    {
        var (scene, id) = await ArrangeActionAsync();
        var viewer = await factory.CreatePersonAsync("Vibeke Viewer", scene.Unit.Id, Role.Viewer);

        var response = await MoveAsync(viewer, id, "InProgress");

        await response.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PutAction_ByDepartmentHeadOutsideSubtree_Returns404()
    {
        var (_, id) = await ArrangeActionAsync();
        var otherDepartment = await factory.CreateUnitAsync("Børn og Unge");
        var head = await factory.CreatePersonAsync("Ole Udenfor", otherDepartment.Id, Role.DepartmentHead);

        var response = await head.Client.PutJsonAsync($"/api/actions/{id}", new { title = "Udefra" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PostState_ByDepartmentHeadOverTheUnit_Returns200()
    {
        var (scene, id) = await ArrangeActionAsync();
        var head = await factory.CreatePersonAsync("Dorte Direktør", scene.Unit.Id, Role.DepartmentHead);

        var response = await MoveAsync(head, id, "InProgress");

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PostOwner_ByOwnerToColleagueInScope_HandsTheActionOver()
    {
        var (scene, id) = await ArrangeActionAsync();
        var colleague = await factory.CreatePersonAsync("Kollega", scene.Unit.Id, Role.Leader);

        var handedOver = await scene.Leader.Client.PostJsonAsync($"/api/actions/{id}/owner", new { ownerId = colleague.Id });
        var afterwards = await MoveAsync(scene.Leader, id, "InProgress");

        (await handedOver.ShouldHaveStatusAsync(HttpStatusCode.OK))!["ownerId"]!.GetValue<Guid>().ShouldBe(colleague.Id);
        await afterwards.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PostOwner_ByLeaderWhoIsNotTheOwner_Returns403()
    {
        var (scene, id) = await ArrangeActionAsync();
        var leaderB = await factory.CreatePersonAsync("Bent Leder", scene.Unit.Id, Role.Leader);

        var response = await leaderB.Client.PostJsonAsync($"/api/actions/{id}/owner", new { ownerId = leaderB.Id });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PostOwner_ToPersonOutsideCallersScope_Returns404()
    {
        var (scene, id) = await ArrangeActionAsync();
        var stranger = await factory.CreatePersonAsync("Fremmed", (await factory.CreateUnitAsync("Sociale Forhold")).Id, Role.Leader);

        var response = await scene.Leader.Client.PostJsonAsync($"/api/actions/{id}/owner", new { ownerId = stranger.Id });

        await response.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PostOwner_WithEmptyOwnerId_Returns400()
    {
        var (scene, id) = await ArrangeActionAsync();

        var response = await scene.Leader.Client.PostJsonAsync($"/api/actions/{id}/owner", new { ownerId = Guid.Empty });

        (await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]!["ownerId"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Collaborations_AddExternalAndGoalDependencyThenRemove_KeepsTheLinksCurrent()
    {
        var (scene, id) = await ArrangeActionAsync();
        var partnerGoal = await factory.ArrangeGoalAsync(scene.PeriodId, scene.Unit.Id, scene.Leader.Id, "Partnermål");

        var external = await scene.Leader.Client.PostJsonAsync($"/api/actions/{id}/collaborations", new { kind = "External", partnerName = "Cyklistforbundet", description = "Lån af cykler" });
        var dependency = await scene.Leader.Client.PostJsonAsync($"/api/actions/{id}/collaborations", new { kind = "GoalDependency", partnerGoalId = partnerGoal });
        var links = (await dependency.ShouldHaveStatusAsync(HttpStatusCode.Created))!["collaborations"]!.AsArray();
        var externalId = links.Single(c => c!["kind"]!.GetValue<string>() == "External")!.Id();
        var removed = await scene.Leader.Client.DeleteAsync($"/api/actions/{id}/collaborations/{externalId}");

        await external.ShouldHaveStatusAsync(HttpStatusCode.Created);
        links.Count.ShouldBe(2);
        var left = (await removed.ShouldHaveStatusAsync(HttpStatusCode.OK))!["collaborations"]!.AsArray();
        left.Single()!["partnerGoalTitle"]!.GetValue<string>().ShouldBe("Partnermål");
        (await factory.WithDbAsync(db => db.Collaborations.CountAsync(c => c.ActionId == id))).ShouldBe(1);
    }

    [Fact]
    public async Task PostCollaboration_WithWrongShape_Returns400NamingTheMissingPartner()
    {
        var (scene, id) = await ArrangeActionAsync();

        var response = await scene.Leader.Client.PostJsonAsync($"/api/actions/{id}/collaborations", new { kind = "CrossUnit", partnerName = "Ingen enhed" });

        var errors = (await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["partnerUnitId"]);
        (await factory.WithDbAsync(db => db.Collaborations.CountAsync(c => c.ActionId == id))).ShouldBe(0);
    }

    [Fact]
    public async Task PostCollaboration_WithTooLongDescription_Returns400()
    {
        var (scene, id) = await ArrangeActionAsync();

        var response = await scene.Leader.Client.PostJsonAsync($"/api/actions/{id}/collaborations", new { kind = "External", partnerName = "Forening", description = new string('x', 2001) });

        (await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]!["description"].ShouldNotBeNull();
    }

    [Fact]
    public async Task PostCollaboration_WithPartnerGoalOutsideReadScope_Returns404()
    {
        var (scene, id) = await ArrangeActionAsync();
        var otherDepartment = await factory.CreateUnitAsync("Borgmesterens Afdeling");
        var otherLeader = await factory.CreatePersonAsync("Anden Leder", otherDepartment.Id, Role.Leader);
        var hiddenGoal = await factory.ArrangeGoalAsync(scene.PeriodId, otherDepartment.Id, otherLeader.Id, "Skjult mål");

        var response = await scene.Leader.Client.PostJsonAsync($"/api/actions/{id}/collaborations", new { kind = "GoalDependency", partnerGoalId = hiddenGoal });

        await response.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        (await factory.WithDbAsync(db => db.Collaborations.CountAsync(c => c.ActionId == id))).ShouldBe(0);
    }

    [Fact]
    public async Task PostCollaboration_WithPartnerUnitInAnotherDepartment_Returns201AndUnknownUnit404()
    {
        var (scene, id) = await ArrangeActionAsync();
        var otherDepartment = await factory.CreateUnitAsync("Sundhed og Omsorg");

        var crossing = await scene.Leader.Client.PostJsonAsync($"/api/actions/{id}/collaborations", new { kind = "CrossUnit", partnerUnitId = otherDepartment.Id });
        var unknown = await scene.Leader.Client.PostJsonAsync($"/api/actions/{id}/collaborations", new { kind = "CrossUnit", partnerUnitId = Guid.NewGuid() });

        await crossing.ShouldHaveStatusAsync(HttpStatusCode.Created);
        await unknown.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteCollaboration_ByAnotherLeader_Returns403()
    {
        var (scene, id) = await ArrangeActionAsync();
        var added = await scene.Leader.Client.PostJsonAsync($"/api/actions/{id}/collaborations", new { kind = "CoCreation", partnerName = "Borgerpanel" });
        var collaborationId = (await added.ShouldHaveStatusAsync(HttpStatusCode.Created))!["collaborations"]![0]!.Id();
        var leaderB = await factory.CreatePersonAsync("Bent Leder", scene.Unit.Id, Role.Leader);

        var response = await leaderB.Client.DeleteAsync($"/api/actions/{id}/collaborations/{collaborationId}");

        await response.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }
}
