using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Security;

/// <summary>A service with the rate limits turned down so that a test reaches them in a few requests.</summary>
public sealed class LowRateLimits : IAsyncLifetime
{
    public VisionTrackerFactory Factory { get; } = new()
    {
        Settings =
        {
            ["RateLimits:PerTokenPerMinute"] = "6",
            ["RateLimits:PerAddressPerMinute"] = "6",
            ["RateLimits:WritesPerPersonPerMinute"] = "3",
            ["RateLimits:FailedAuthenticationsPerAddress"] = "3",
        },
    };

    public Task InitializeAsync() => Factory.InitializeAsync();

    public Task DisposeAsync() => Factory.DisposeAsync();
}

/// <summary>
/// OWASP API4:2023 Unrestricted Resource Consumption and API2:2023 Broken Authentication: requests per token, per
/// client address and writes per person are limited, and an address that keeps presenting wrong tokens is shut out
/// before its tokens are looked up — each refusal a 429 with Retry-After and a well-formed error body.
/// </summary>
public sealed class RateLimitTests(LowRateLimits limits) : IClassFixture<LowRateLimits>
{

    [Fact]
    public async Task Api4_UnrestrictedResourceConsumption_TokenPastItsLimit_Is429WithRetryAfter_OtherTokensUnaffected()
    {
        var person = await Factory.CreatePersonAsync("Travl Læser", Factory.RootUnitId, Role.Viewer);
        for (var i = 0; i < 6; i++)
        {
            await (await person.Client.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        var refused = await person.Client.GetAsync("/api/me");
        var feed = await person.Client.GetAsync("/odata/Goals");
        var other = await Factory.CreatePersonAsync("Rolig Læser", Factory.RootUnitId, Role.Viewer);

        var problem = await refused.ShouldHaveStatusAsync(HttpStatusCode.TooManyRequests);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem!["code"]!.GetValue<string>().ShouldBe("RateLimitReads");
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
        var error = await feed.ShouldHaveStatusAsync(HttpStatusCode.TooManyRequests);
        error!["error"]!["code"]!.GetValue<string>().ShouldBe("TooManyRequests");
        feed.Headers.RetryAfter.ShouldNotBeNull();
        await (await other.Client.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Api4_UnrestrictedResourceConsumption_CheckInFlood_IsStoppedByThePersonsWriteQuota()
    {
        var scene = await Factory.ArrangeGoalSceneAsync();
        for (var i = 0; i < 3; i++)
        {
            var accepted = await scene.Leader.Client.PostJsonAsync($"/api/key-results/{scene.KeyResultId}/check-ins", new { value = 10 + i, confidence = 0.5 });
            await accepted.ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        var flood = await scene.Leader.Client.PostJsonAsync($"/api/key-results/{scene.KeyResultId}/check-ins", new { value = 99, confidence = 0.5 });

        (await flood.ShouldHaveStatusAsync(HttpStatusCode.TooManyRequests))!["code"]!.GetValue<string>().ShouldBe("RateLimitWrites");
        flood.Headers.RetryAfter.ShouldNotBeNull();
        await (await scene.Leader.Client.GetAsync($"/api/key-results/{scene.KeyResultId}/check-ins")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await Factory.WithDbAsync(db => Task.FromResult(db.CheckIns.Count(c => c.KeyResultId == scene.KeyResultId)))).ShouldBe(3);
    }

    [Fact]
    public async Task Api2_BrokenAuthentication_WrongTokensFromOneAddress_ShutThatAddressOutForAWhile()
    {
        var person = await Factory.CreatePersonAsync("Rigtig Bruger", Factory.RootUnitId, Role.Viewer);
        for (var i = 0; i < 3; i++)
        {
            (await SendAsync("10.13.0.1", $"vt_guess_{i}")).Response.StatusCode.ShouldBe(401);
        }

        var blocked = await SendAsync("10.13.0.1", person.Token);
        var elsewhere = await SendAsync("10.13.0.2", person.Token);

        blocked.Response.StatusCode.ShouldBe(429);
        blocked.Response.Headers.RetryAfter.ToString().ShouldNotBeEmpty();
        var body = JsonNode.Parse(blocked.Response.Body)!;
        body["code"]!.GetValue<string>().ShouldBe("RateLimitSignIns");
        elsewhere.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task Api4_UnrestrictedResourceConsumption_AnonymousRequestsPastTheAddressLimit_Are429()
    {
        for (var i = 0; i < 6; i++)
        {
            (await SendAsync("10.13.1.1", token: null, path: "/health/live")).Response.StatusCode.ShouldBe(200);
        }

        var refused = await SendAsync("10.13.1.1", token: null, path: "/health/live");

        refused.Response.StatusCode.ShouldBe(429);
        refused.Response.Headers.RetryAfter.ToString().ShouldNotBeEmpty();
        (await SendAsync("10.13.1.2", token: null, path: "/health/live")).Response.StatusCode.ShouldBe(200);
    }

    private VisionTrackerFactory Factory => limits.Factory;

    /// <summary>A request from a given client address (what Kestrel or the forwarded headers would say).</summary>
    private Task<HttpContext> SendAsync(string address, string? token, string path = "/api/me") =>
        Factory.Server.SendAsync(http =>
        {
            http.Request.Method = "GET";
            http.Request.Path = path;
            http.Request.Headers.Accept = "application/json";
            http.Connection.RemoteIpAddress = IPAddress.Parse(address);
            if (token is not null)
            {
                http.Request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token).ToString();
            }
        });
}
