using System.Net;
using Microsoft.EntityFrameworkCore;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Collaborations;

/// <summary>Goals and actions take collaborations by one set of rules: the same answers, the same stored values.</summary>
public sealed class CollaborationRulesTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private async Task<(GoalScene Scene, string Url, Guid OwnerId)> ArrangeOwnerAsync(string owner)
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        if (owner == "goal")
        {
            return (scene, $"/api/goals/{scene.GoalId}/collaborations", scene.GoalId);
        }

        var action = await scene.Leader.Client.CreateActionAsync(scene.GoalId, scene.KeyResultId);
        return (scene, $"/api/actions/{action.Id()}/collaborations", action.Id());
    }

    [Theory]
    [InlineData("goal", "partnerUnitId", "CrossUnit")]
    [InlineData("action", "partnerUnitId", "CrossUnit")]
    [InlineData("goal", "partnerGoalId", "GoalDependency")]
    [InlineData("action", "partnerGoalId", "GoalDependency")]
    public async Task PostCollaboration_WithEmptyPartnerId_Returns400NamingTheField(string owner, string field, string kind)
    {
        var (scene, url, ownerId) = await ArrangeOwnerAsync(owner);
        var body = new Dictionary<string, object> { ["kind"] = kind, [field] = Guid.Empty };

        var response = await scene.Leader.Client.PostJsonAsync(url, body);

        (await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]![field].ShouldNotBeNull();
        (await factory.WithDbAsync(db => db.Collaborations.CountAsync(c => c.GoalId == ownerId || c.ActionId == ownerId))).ShouldBe(0);
    }

    [Theory]
    [InlineData("goal", "External")]
    [InlineData("action", "CoCreation")]
    public async Task PostCollaboration_WithAnExternalKindAndNoPartnerName_Returns400NamingPartnerName(string owner, string kind)
    {
        var (scene, url, ownerId) = await ArrangeOwnerAsync(owner);

        var response = await scene.Leader.Client.PostJsonAsync(url, new { kind, partnerName = " ", description = "Borgermøde" });

        var errors = (await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["partnerName"]);
        (await factory.WithDbAsync(db => db.Collaborations.CountAsync(c => c.GoalId == ownerId || c.ActionId == ownerId))).ShouldBe(0);
    }

    [Theory]
    [InlineData("goal")]
    [InlineData("action")]
    public async Task PostCollaboration_CrossUnitWithBlankPartnerNameAndPaddedDescription_StoresNoNameAndTrimmedDescription(string owner)
    {
        var (scene, url, ownerId) = await ArrangeOwnerAsync(owner);
        var partner = await factory.CreateUnitAsync("Kultur og Borgerservice");

        var response = await scene.Leader.Client.PostJsonAsync(url, new { kind = "CrossUnit", partnerUnitId = partner.Id, partnerName = "   ", description = "  Fælles indsats " });

        var shown = (await response.ShouldHaveStatusAsync(HttpStatusCode.Created))!["collaborations"]![0]!;
        shown["partnerName"].ShouldBeNull();
        shown["description"]!.GetValue<string>().ShouldBe("Fælles indsats");
        var stored = await factory.WithDbAsync(db => db.Collaborations.SingleAsync(c => c.GoalId == ownerId || c.ActionId == ownerId));
        stored.PartnerName.ShouldBeNull();
        stored.Description.ShouldBe("Fælles indsats");
    }
}
