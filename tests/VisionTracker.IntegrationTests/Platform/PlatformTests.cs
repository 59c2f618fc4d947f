using System.Net;
using System.Text.Json.Nodes;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Platform;

public sealed class PlatformTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    [Fact]
    public async Task OpenApiDocument_DescribesEveryOperationWithASummary()
    {
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");

        var document = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var operations = document!["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Name: $"{op.Key.ToUpperInvariant()} {path.Key}", Operation: op.Value!)))
            .ToList();
        operations.Count.ShouldBeGreaterThan(30);
        operations.Where(o => string.IsNullOrWhiteSpace(o.Operation["summary"]?.GetValue<string>())).Select(o => o.Name).ShouldBeEmpty();
        operations.ShouldContain(o => o.Name == "GET /api/vision/tree");
    }

    [Fact]
    public async Task ScalarUi_IsServed()
    {
        var response = await factory.CreateClient().GetAsync("/scalar");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("openapi/v1.json");
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpoints_AnswerHealthyWithoutAToken(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Theory]
    [InlineData("Bearer", "vt_not_a_real_token")]
    [InlineData("Basic", "bm90LWJhc2U2NA==")]
    [InlineData("Digest", "abc")]
    public async Task ApiCall_WithUnusableCredentials_Returns401ProblemWithChallenge(string scheme, string value)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"{scheme} {value}");

        var response = await client.GetAsync("/api/goals");

        await response.ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task ApiCall_WithTokenAsBasicPassword_IsAuthenticated()
    {
        var client = factory.CreateClient();
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"excel:{VisionTrackerFactory.AdminToken}"));
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Basic {basic}");

        var response = await client.GetAsync("/api/periods");

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        var response = await factory.Admin.GetAsync("/api/nothing-here");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task MalformedIfMatch_Returns400()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/periods/{Guid.NewGuid()}/state")
        {
            Content = new StringContent("{\"state\":\"Active\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "W/\"1\"");

        var response = await factory.Admin.SendAsync(request);

        (await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["detail"]!.GetValue<string>().ShouldContain("If-Match");
    }

    [Fact]
    public async Task Problems_CarryATraceIdAndNoStackTrace()
    {
        var response = await factory.Admin.GetAsync($"/api/goals/{Guid.NewGuid()}");

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        body!["traceId"].ShouldNotBeNull();
        body.ToJsonString().ShouldNotContain("   at ");
    }
}
