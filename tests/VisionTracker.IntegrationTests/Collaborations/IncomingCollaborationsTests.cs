using System.Net;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Collaborations;

/// <summary>A collaboration seen from the partner's side: listed there, answered there (audited), and its owner told.</summary>
public sealed class IncomingCollaborationsTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    [Fact]
    public async Task IncomingCollaboration_ThePartnerSeesAndAnswersIt_TheOwnerIsToldInTheirLanguage()
    {
        var source = await factory.CreateUnitAsync("Teknik og Miljø");
        var owner = await factory.CreatePersonAsync("Owen Owner", source.Id, Role.Leader, culture: "en");
        var partnerUnit = await factory.CreateUnitAsync("Børn og Unge");
        var school = await factory.CreateUnitAsync("Skolerne", partnerUnit.Id, OrgUnitKind.Division);
        var head = await factory.CreatePersonAsync("Birgit Chef", partnerUnit.Id, Role.DepartmentHead);
        var leader = await factory.CreatePersonAsync("Sofie Skoleleder", school.Id, Role.Leader);
        var outsider = await factory.CreatePersonAsync("Ulla Udenfor", (await factory.CreateUnitAsync("Sundhed og Omsorg")).Id, Role.Leader);
        var periodId = await factory.ArrangePeriodAsync();
        var goal = await factory.ArrangeGoalAsync(periodId, source.Id, owner.Id, "Sikre skoleveje");
        var created = (await (await owner.Client.PostJsonAsync($"/api/goals/{goal}/collaborations", new { kind = "CrossUnit", partnerUnitId = school.Id, description = "Skolepatruljer" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created))!["collaborations"]!.AsArray().Single()!;
        var id = created.Id();

        var forHead = (await (await head.Client.GetAsync($"/api/collaborations/incoming?unitId={partnerUnit.Id}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!.AsArray();
        var forOutsider = (await (await outsider.Client.GetAsync("/api/collaborations/incoming")).ShouldHaveStatusAsync(HttpStatusCode.OK))!.AsArray();
        var byOwner = await owner.Client.PostJsonAsync($"/api/collaborations/{id}/response", new { response = "Confirmed" });
        var byOutsider = await outsider.Client.PostJsonAsync($"/api/collaborations/{id}/response", new { response = "Confirmed" });
        var declineWithoutReason = await leader.Client.PostJsonAsync($"/api/collaborations/{id}/response", new { response = "Declined" });
        var confirmed = (await (await leader.Client.PostJsonAsync($"/api/collaborations/{id}/response", new { response = "Confirmed", comment = "Vi stiller med patruljer" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        var afterwards = (await (await leader.Client.GetAsync("/api/collaborations/incoming?response=Confirmed")).ShouldHaveStatusAsync(HttpStatusCode.OK))!.AsArray();
        var feed = (await (await owner.Client.GetAsync($"/odata/Collaborations?$filter=PartnerUnitId eq {school.Id}&$select=Id,Response"))
            .ShouldHaveStatusAsync(HttpStatusCode.OK))!["value"]!.AsArray();
        var notes = (await (await owner.Client.GetAsync("/api/me/notifications")).ShouldHaveStatusAsync(HttpStatusCode.OK))!["items"]!.AsArray();
        const string Incoming = "/odata/IncomingCollaborations?$select=Id,Direction,Response,PartnerUnitId,FromUnitName,FromDepartmentName&$expand=FromGoal($select=Id),PartnerUnit($select=Name)";
        var incomingForHead = (await (await head.Client.GetAsync(Incoming)).ShouldHaveStatusAsync(HttpStatusCode.OK))!["value"]!.AsArray();
        var outgoingForHead = (await (await head.Client.GetAsync("/odata/Collaborations?$select=Id")).ShouldHaveStatusAsync(HttpStatusCode.OK))!["value"]!.AsArray();
        var incomingForOwner = (await (await owner.Client.GetAsync(Incoming)).ShouldHaveStatusAsync(HttpStatusCode.OK))!["value"]!.AsArray();
        var incomingForOutsider = (await (await outsider.Client.GetAsync(Incoming)).ShouldHaveStatusAsync(HttpStatusCode.OK))!["value"]!.AsArray();
        var outgoingForOwner = (await (await owner.Client.GetAsync($"/odata/Collaborations({id})?$select=Direction")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;

        created["response"]!.GetValue<string>().ShouldBe("Pending");
        var seen = forHead.Single()!;
        seen["id"]!.GetValue<Guid>().ShouldBe(id);
        seen["fromGoalId"].ShouldBeNull();
        seen["fromUnitName"]!.GetValue<string>().ShouldBe("Teknik og Miljø");
        seen["partnerUnitName"]!.GetValue<string>().ShouldBe("Skolerne");
        seen["canAnswer"]!.GetValue<bool>().ShouldBeTrue();
        forOutsider.ShouldBeEmpty();
        byOwner.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        byOutsider.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await declineWithoutReason.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]!["comment"].ShouldNotBeNull();
        confirmed["response"]!.GetValue<string>().ShouldBe("Confirmed");
        confirmed["responseComment"]!.GetValue<string>().ShouldBe("Vi stiller med patruljer");
        afterwards.Select(c => c!.Id()).ShouldBe([id]);
        feed.Select(r => (r!["Id"]!.GetValue<Guid>(), r["Response"]!.GetValue<string>())).ShouldBe([(id, "Confirmed")]);
        var row = incomingForHead.Single()!;
        (row["Id"]!.GetValue<Guid>(), row["Direction"]!.GetValue<string>(), row["Response"]!.GetValue<string>(), row["PartnerUnitId"]!.GetValue<Guid>())
            .ShouldBe((id, "Incoming", "Confirmed", school.Id));
        (row["FromUnitName"]!.GetValue<string>(), row["FromDepartmentName"]!.GetValue<string>(), row["PartnerUnit"]!["Name"]!.GetValue<string>())
            .ShouldBe(("Teknik og Miljø", "Teknik og Miljø", "Skolerne"));
        row["FromGoal"].ShouldBeNull("the owner's goal lies outside the partner's scope");
        outgoingForHead.ShouldBeEmpty("the Collaborations set stays the owner's side");
        incomingForOwner.ShouldBeEmpty();
        incomingForOutsider.ShouldBeEmpty();
        outgoingForOwner["Direction"]!.GetValue<string>().ShouldBe("Outgoing");
        notes.Select(n => n!["subject"]!.GetValue<string>()).ShouldContain("The collaboration on \"Sikre skoleveje\" with Skolerne: confirmed");
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Collaboration" && a.EntityId == id.ToString()).OrderBy(a => a.Id).ToListAsync());
        audit.Last().ActorId.ShouldBe(leader.Id);
        audit.Last().Changes.ShouldContain("\"Response\"");
        audit.Last().Changes.ShouldContain("Vi stiller med patruljer");
    }
}
