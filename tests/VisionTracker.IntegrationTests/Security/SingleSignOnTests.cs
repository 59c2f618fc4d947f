using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.Tokens;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Security;

/// <summary>The service configured for single sign-on against a real OpenID Connect server started by the tests.</summary>
public sealed class SingleSignOnHost : IAsyncLifetime
{
    public OidcTestServer Oidc { get; private set; } = null!;

    public VisionTrackerFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Oidc = await OidcTestServer.StartAsync();
        Factory = new VisionTrackerFactory
        {
            Settings =
            {
                ["Sso:Authority"] = Oidc.Issuer,
                ["Sso:DisplayName"] = "Testkommune",
                ["Sso:ClientId"] = OidcTestServer.WebClientId,
                ["Sso:ClientSecret"] = OidcTestServer.WebClientSecret,
                ["Sso:Audience"] = OidcTestServer.ApiAudience,
                ["Sso:RequireHttpsMetadata"] = "false",
            },
        };
        await Factory.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Oidc.DisposeAsync();
    }
}

/// <summary>
/// OWASP API2:2023 Broken Authentication with single sign-on: JWT bearer tokens for the API are checked for issuer,
/// audience, expiry and signature (and `alg: none` is refused); the pages' OpenID Connect sign-in (authorization code
/// with PKCE) refuses a wrong state or nonce; someone the issuer knows but VisionTracker does not gets 403.
/// </summary>
public sealed partial class SingleSignOnTests(SingleSignOnHost host) : IClassFixture<SingleSignOnHost>
{
    private VisionTrackerFactory Factory => host.Factory;

    [Fact]
    public async Task Api2_BrokenAuthentication_JwtFromTheIssuer_ActsAsThePersonWithThatExternalId_BesidePersonalTokens()
    {
        var person = await Factory.CreatePersonAsync("Sanne SSO", Factory.RootUnitId, Role.Viewer);
        var objectId = Guid.NewGuid().ToString();
        await (await Factory.Admin.PutJsonAsync($"/api/people/{person.Id}/external-id", new { externalId = objectId })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        host.Oidc.ApiClients["reporting"] = ("reporting-secret", objectId);

        using var issuer = new HttpClient();
        var tokenResponse = await issuer.PostAsync(new Uri(host.Oidc.Issuer + "connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "reporting",
            ["client_secret"] = "reporting-secret",
            ["scope"] = "api",
        }));
        var accessToken = (await tokenResponse.ShouldHaveStatusAsync(HttpStatusCode.OK))!["access_token"]!.GetValue<string>();
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

        var me = await (await client.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        me!["id"]!.GetValue<Guid>().ShouldBe(person.Id);
        await (await client.GetAsync("/odata/Goals")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await person.Client.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("issuer")]
    [InlineData("audience")]
    [InlineData("expired")]
    [InlineData("signature")]
    [InlineData("alg-none")]
    public async Task Api2_BrokenAuthentication_JwtWithWrongIssuerAudienceExpiryOrSignature_Is401(string flaw)
    {
        var person = await Factory.CreatePersonAsync("Kendt person", Factory.RootUnitId, Role.Viewer);
        var objectId = Guid.NewGuid().ToString();
        await Factory.WithDbAsync(async db =>
        {
            (await db.People.FindAsync(person.Id))!.ExternalId = objectId;
            return await db.SaveChangesAsync();
        });
        var token = flaw switch
        {
            "issuer" => host.Oidc.Mint(issuer: "https://evil.example/", objectId: objectId),
            "audience" => host.Oidc.Mint(audience: "api://another-service", objectId: objectId),
            "expired" => host.Oidc.Mint(expires: DateTime.UtcNow.AddMinutes(-5), objectId: objectId),
            "signature" => host.Oidc.Mint(key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-signing-key" }, objectId: objectId),
            _ => Unsigned(host.Oidc.Mint(objectId: objectId)),
        };
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var answer = await client.GetAsync("/api/me");

        await answer.ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        answer.Headers.WwwAuthenticate.ShouldNotBeEmpty();
        var good = Factory.CreateClient();
        good.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Oidc.Mint(objectId: objectId));
        await (await good.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Api2_BrokenAuthentication_ValidJwtForSomeoneUnknown_Is403WithWhatToDo()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Oidc.Mint(objectId: "nobody-here"));

        var answer = await client.GetAsync("/api/me");
        var feed = await client.GetAsync("/odata/Goals");

        var problem = await answer.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem!["detail"]!.GetValue<string>().ShouldContain("nobody-here");
        (await feed.ShouldHaveStatusAsync(HttpStatusCode.Forbidden))!["error"]!["code"]!.GetValue<string>().ShouldBe("UnknownPerson");
    }

    [Fact]
    public async Task Api2_BrokenAuthentication_PagesSignIn_WithAuthorizationCodeAndPkce_StartsTheSession()
    {
        var person = await Factory.CreatePersonAsync("Peter Pages", Factory.RootUnitId, Role.Viewer);
        var objectId = Guid.NewGuid().ToString();
        await (await Factory.Admin.PutJsonAsync($"/api/people/{person.Id}/external-id", new { externalId = objectId })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        host.Oidc.Users["peter"] = (objectId, "peter@example.test");
        var browser = Browser();

        var signInPage = await (await browser.GetAsync("/sign-in")).Content.ReadAsStringAsync();
        var authorize = await StartAsync(browser);
        var callback = await LogInAsync(authorize, "peter");
        var back = await browser.PostAsync("/signin-oidc", new FormUrlEncodedContent(callback));
        var home = await browser.GetAsync("/");

        signInPage.ShouldContain("Log ind med Testkommune");
        authorize.Query.ShouldContain("code_challenge_method=S256");
        authorize.Query.ShouldContain("code_challenge=");
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        back.Headers.Location!.OriginalString.ShouldBe("/");
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await home.Content.ReadAsStringAsync()).ShouldContain("Peter Pages");
    }

    [Theory]
    [InlineData("state")]
    [InlineData("nonce")]
    public async Task Api2_BrokenAuthentication_PagesSignIn_WithAWrongStateOrNonce_IsRefused(string flaw)
    {
        var person = await Factory.CreatePersonAsync("Tanja Tamper", Factory.RootUnitId, Role.Viewer);
        var objectId = Guid.NewGuid().ToString();
        await (await Factory.Admin.PutJsonAsync($"/api/people/{person.Id}/external-id", new { externalId = objectId })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        host.Oidc.Users["tanja"] = (objectId, "tanja@example.test");
        var browser = Browser();

        var authorize = await StartAsync(browser);
        if (flaw == "nonce")
        {
            authorize = new Uri(NonceParameter().Replace(authorize.ToString(), "nonce=forged-nonce"));
        }

        var callback = await LogInAsync(authorize, "tanja");
        if (flaw == "state")
        {
            callback["state"] = callback["state"][..^4] + "AAAA";
        }

        var back = await browser.PostAsync("/signin-oidc", new FormUrlEncodedContent(callback));
        var home = await browser.GetAsync("/");

        back.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        back.Headers.Location!.OriginalString.ShouldBe("/sign-in?sso=failed");
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.AbsolutePath.ShouldBe("/sign-in");
    }

    [Fact]
    public async Task Api2_BrokenAuthentication_PagesSignIn_ForSomeoneUnknown_ShowsA403Page()
    {
        host.Oidc.Users["stranger"] = ("oid-of-a-stranger", "stranger@example.test");
        var browser = Browser();

        var callback = await LogInAsync(await StartAsync(browser), "stranger");
        var back = await browser.PostAsync("/signin-oidc", new FormUrlEncodedContent(callback));
        var page = await browser.GetAsync(back.Headers.Location!);

        back.Headers.Location!.OriginalString.ShouldBe("/sign-in/unknown");
        page.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await page.Content.ReadAsStringAsync()).ShouldContain("Du er ikke kendt i VisionTracker");
        (await browser.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    private HttpClient Browser() =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost"), HandleCookies = true });

    private static async Task<Uri> StartAsync(HttpClient browser)
    {
        var start = await browser.GetAsync("/sign-in/sso?returnUrl=/");
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return start.Headers.Location!;
    }

    /// <summary>The user logs in at the issuer, whose answer is a form the browser posts back to the service.</summary>
    private static async Task<Dictionary<string, string>> LogInAsync(Uri authorize, string login)
    {
        using var issuer = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var answer = await issuer.GetAsync(new Uri(authorize + "&login=" + login));
        var html = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        return HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
    }

    private static string Unsigned(string jwt)
    {
        var parts = jwt.Split('.');
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""));
        return $"{header}.{parts[1]}.";
    }

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)"\s*/?>""")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("nonce=[^&]+")]
    private static partial Regex NonceParameter();
}
