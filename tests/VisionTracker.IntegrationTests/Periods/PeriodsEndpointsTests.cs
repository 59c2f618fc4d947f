using System.Net;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Periods;

public sealed class PeriodsEndpointsTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    [Fact]
    public async Task PostPeriod_AsAdmin_Returns201InPlanning()
    {
        var response = await factory.Admin.PostJsonAsync("/api/periods", new { name = "2027 H1", start = "2027-01-01", end = "2027-06-30" });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        body!["state"]!.GetValue<string>().ShouldBe("Planning");
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
    }

    [Fact]
    public async Task PostPeriod_WithEndBeforeStart_Returns400WithFieldError()
    {
        var response = await factory.Admin.PostJsonAsync("/api/periods", new { name = "Bad", start = "2027-06-30", end = "2027-01-01" });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        body!["errors"]!["end"].ShouldNotBeNull();
    }

    [Fact]
    public async Task PostPeriod_AsLeader_Returns403()
    {
        var leader = await factory.CreatePersonAsync("Leader", factory.RootUnitId, Role.Leader);

        var response = await leader.Client.PostJsonAsync("/api/periods", new { name = "Leader's", start = "2027-01-01", end = "2027-06-30" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GetPeriods_WithoutToken_Returns401()
    {
        var response = await factory.CreateClient().GetAsync("/api/periods");

        await response.ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PostPeriod_WithEndAtTheEndOfTime_Returns400()
    {
        var response = await factory.Admin.PostJsonAsync("/api/periods", new { name = "Forever", start = "2027-01-01", end = "9999-12-31" });

        (await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]!["end"].ShouldNotBeNull();
    }
}
