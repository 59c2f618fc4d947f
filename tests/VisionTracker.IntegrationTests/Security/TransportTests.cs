using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Security;

/// <summary>A service published at https://visiontracker.aarhus.dk/vt behind one proxy, with one CORS origin and pages of two rows.</summary>
public sealed class PublishedService : IAsyncLifetime
{
    public const string PublicBaseUrl = "https://visiontracker.aarhus.dk/vt";
    public const string Proxy = "10.20.30.40";
    public const string Intranet = "https://intra.aarhus.dk";

    public VisionTrackerFactory Factory { get; } = new()
    {
        Settings =
        {
            ["App:PublicBaseUrl"] = PublicBaseUrl,
            ["Http:HttpsRedirection"] = "true",
            ["Http:KnownProxies:0"] = Proxy,
            ["Http:CorsOrigins:0"] = Intranet,
            ["https_port"] = "443",
            ["OData:PageSize"] = "2",
        },
    };

    public async Task InitializeAsync()
    {
        await Factory.InitializeAsync();
        Factory.ClientOptions.BaseAddress = new Uri("https://localhost");
        Admin = Factory.ClientWithToken(VisionTrackerFactory.AdminToken);
        for (var i = 0; i < 3; i++)
        {
            await Factory.ArrangePlanningAsync(year: 2030 + i);
        }
    }

    public HttpClient Admin { get; private set; } = null!;

    public Task DisposeAsync() => Factory.DisposeAsync();
}

/// <summary>
/// OWASP API8:2023 Security Misconfiguration, on the way in and out: the Host header is never believed, HTTPS and
/// HSTS outside Development, forwarded headers only from known proxies, security headers on every answer, no caching
/// of personal data, CORS closed but for configured origins, and no cross-site form can change data.
/// </summary>
public sealed class TransportTests(PublishedService published, LoggedService plain) : IClassFixture<PublishedService>, IClassFixture<LoggedService>
{
    private VisionTrackerFactory Factory => published.Factory;

    [Theory]
    [InlineData("/api/me", false)]
    [InlineData("/api/periods", true)]
    [InlineData("/api/nothing-here", true)]
    [InlineData("/odata/Periods", true)]
    [InlineData("/odata/$metadata", true)]
    [InlineData("/openapi/v1.json", false)]
    [InlineData("/health/live", false)]
    public async Task Api8_SecurityMisconfiguration_EveryAnswer_CarriesTheSecurityHeaders(string url, bool asAdmin)
    {
        var response = await (asAdmin ? plain.Factory.Admin : plain.Factory.CreateClient()).GetAsync(url);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("script-src 'self';");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("form-action 'self'");
        csp.ShouldNotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.Contains("Server").ShouldBeFalse();
    }

    [Theory]
    [InlineData("/api/periods")]
    [InlineData("/api/me")]
    [InlineData("/odata/Periods")]
    public async Task Api8_SecurityMisconfiguration_PersonalData_IsNotStored(string url)
    {
        var response = await plain.Factory.Admin.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task Api8_SecurityMisconfiguration_HostHeader_DoesNotReachFeedLinks()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/odata/Periods");
        request.Headers.Host = "evil.example";

        var response = await published.Admin.SendAsync(request);

        var body = (await response.ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        body["@odata.context"]!.GetValue<string>().ShouldStartWith($"{PublishedService.PublicBaseUrl}/odata/$metadata");
        body["@odata.nextLink"]!.GetValue<string>().ShouldStartWith($"{PublishedService.PublicBaseUrl}/odata/Periods?");
        body.ToJsonString().ShouldNotContain("evil.example");
    }

    [Fact]
    public async Task Api8_SecurityMisconfiguration_HostHeader_DoesNotReachAggregatedFeedLinks()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/odata/Periods?$apply=groupby((Name))");
        request.Headers.Host = "evil.example";

        var response = await published.Admin.SendAsync(request);

        var body = (await response.ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        body.ToJsonString().ShouldNotContain("evil.example");
        body["@odata.nextLink"]!.GetValue<string>().ShouldStartWith(PublishedService.PublicBaseUrl);
    }

    [Fact]
    public async Task Api8_SecurityMisconfiguration_HostHeader_DoesNotReachTheOpenApiServers()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "evil.example";

        var response = await Factory.CreateClient().SendAsync(request);

        var document = (await response.ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        document["servers"]!.AsArray().Select(s => s!["url"]!.GetValue<string>()).ShouldBe([PublishedService.PublicBaseUrl]);
    }

    [Fact]
    public async Task Api8_SecurityMisconfiguration_PlainHttp_IsRedirectedToThePublicHttpsAddress()
    {
        var client = Factory.CreateClient(new() { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
        response.Headers.Location!.ToString().ShouldBe("https://visiontracker.aarhus.dk/vt/health/live");
    }

    [Fact]
    public async Task Api8_SecurityMisconfiguration_Https_CarriesHsts()
    {
        var response = await Factory.CreateClient().GetAsync("/health/live");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldStartWith("max-age=31536000");
    }

    [Theory]
    [InlineData(PublishedService.Proxy, HttpStatusCode.OK)]
    [InlineData("10.20.30.41", HttpStatusCode.TemporaryRedirect)]
    public async Task Api8_SecurityMisconfiguration_ForwardedProto_IsBelievedOnlyFromAKnownProxy(string remote, HttpStatusCode expected)
    {
        var context = await Factory.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Scheme = "http";
            c.Request.Path = "/health/live";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-For"] = "192.0.2.10";
            c.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        });

        context.Response.StatusCode.ShouldBe((int)expected);
    }

    [Fact]
    public async Task Api8_SecurityMisconfiguration_Cors_AnswersOnlyTheConfiguredOrigin()
    {
        var client = Factory.CreateClient();

        var allowed = await client.SendAsync(Preflight(PublishedService.Intranet));
        var refused = await client.SendAsync(Preflight("https://evil.example"));
        var closed = await plain.Factory.CreateClient().SendAsync(Preflight(PublishedService.Intranet));

        allowed.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe(PublishedService.Intranet);
        refused.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        closed.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Theory]
    [InlineData("https://evil.example", null, "application/x-www-form-urlencoded", HttpStatusCode.Forbidden)]
    [InlineData("null", null, "text/plain", HttpStatusCode.Forbidden)]
    [InlineData(null, "cross-site", null, HttpStatusCode.Forbidden)]
    [InlineData(null, null, "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData(null, null, "multipart/form-data; boundary=x", HttpStatusCode.UnsupportedMediaType)]
    [InlineData(null, null, "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task Api8_SecurityMisconfiguration_CrossSiteFormPostWithBasicCredentials_ChangesNothing(string? origin, string? fetchSite, string? contentType, HttpStatusCode expected)
    {
        var person = await plain.Factory.CreatePersonAsync("Victim", plain.Factory.RootUnitId, Role.Leader);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/people/{person.Id}/deactivate");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{VisionTrackerFactory.AdminToken}")));
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", fetchSite);
        }

        if (contentType is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("reason=x"));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var response = await plain.Factory.CreateClient().SendAsync(request);

        (await response.ShouldHaveStatusAsync(expected))!["detail"].ShouldNotBeNull();
        var me = await person.Client.GetAsync("/api/me");
        me.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Api8_SecurityMisconfiguration_SameOriginJsonWrite_IsAccepted()
    {
        var person = await plain.Factory.CreatePersonAsync("Leaving", plain.Factory.RootUnitId, Role.Leader);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/people/{person.Id}/deactivate");
        request.Headers.TryAddWithoutValidation("Origin", "http://localhost");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");

        var response = await plain.Factory.Admin.SendAsync(request);

        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/periods");
        request.Headers.TryAddWithoutValidation("Origin", origin);
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "GET");
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", "authorization");
        return request;
    }
}
