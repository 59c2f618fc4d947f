using Microsoft.Playwright;
using VisionTracker.BrowserTests.Support;

namespace VisionTracker.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture app)
{
    private const string Leader = "Lene Overgaard";

    [Fact]
    public async Task SignIn_WithValidToken_OpensMyWorkUntilSignOut()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        new Uri(page.Url).AbsolutePath.ShouldBe("/sign-in");
        await BrowserFixture.ScreenshotAsync(page, "sign-in");
        await BrowserFixture.AssertAccessibleAsync(page);

        await BrowserFixture.SignInOnAsync(page, await app.TokenForAsync(Leader));

        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Mit arbejde");
        (await page.Locator(".vt-user-name").InnerTextAsync()).ShouldContain(Leader);
        var session = (await page.Context.CookiesAsync()).Single(c => c.Name == "vt_session");
        session.HttpOnly.ShouldBeTrue();
        session.SameSite.ShouldBe(SameSiteAttribute.Lax);
        session.Value.ShouldNotContain("vt_");

        await page.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).ClickAsync();

        await page.WaitForURLAsync("**/sign-in?signedOut=true");
        (await page.Context.CookiesAsync()).ShouldNotContain(c => c.Name == "vt_session");
        await page.GotoAsync("/");
        new Uri(page.Url).AbsolutePath.ShouldBe("/sign-in");
    }

    [Fact]
    public async Task SignIn_WithWrongToken_ShowsErrorAndStartsNoSession()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/sign-in");

        await page.GetByLabel("Personlig nøgle (token)").FillAsync("vt_this-is-not-a-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).Last.ClickAsync();

        (await page.Locator("#signin-token-error").InnerTextAsync()).ShouldContain("Nøglen er ukendt, udløbet eller tilbagekaldt");
        (await page.Locator("#signin-token").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await page.Context.CookiesAsync()).ShouldNotContain(c => c.Name == "vt_session");
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task SessionCookie_DoesNotAuthenticateApiOrOData()
    {
        var page = await app.SignInAsync(Leader);

        var api = await page.Context.APIRequest.GetAsync("/api/me");
        var odata = await page.Context.APIRequest.GetAsync("/odata/Goals");
        var withToken = await page.Context.APIRequest.GetAsync("/api/me", new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {BrowserFixture.AdminToken}" } });

        api.Status.ShouldBe(401);
        odata.Status.ShouldBe(401);
        withToken.Status.ShouldBe(200);
    }

    [Fact]
    public async Task Language_SwitchedToEnglish_IsRememberedAtTheNextSignIn()
    {
        var token = await app.TokenForAsync("Karen Østergaard");
        var page = await app.NewPageAsync();
        await BrowserFixture.SignInOnAsync(page, token);
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("da");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await page.Locator("h1", new() { HasText = "My work" }).WaitForAsync();
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("en");
        (await page.Locator("nav").InnerTextAsync()).ShouldContain("Vision");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/sign-in?signedOut=true");

        var later = await app.NewPageAsync();
        await BrowserFixture.SignInOnAsync(later, token);
        (await later.Locator("h1").InnerTextAsync()).ShouldBe("My work");
        (await later.Locator("html").GetAttributeAsync("lang")).ShouldBe("en");
    }
}
