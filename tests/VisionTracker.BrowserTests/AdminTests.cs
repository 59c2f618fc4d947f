using Microsoft.Playwright;
using VisionTracker.BrowserTests.Support;

namespace VisionTracker.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class AdminTests(BrowserFixture app)
{
    [Fact]
    public async Task Newcomer_IssuesATokenForALeader_WhoSignsInWithIt_AndRevokingItEndsTheSession()
    {
        var admin = await app.NewPageAsync();
        await BrowserFixture.SignInOnAsync(admin, BrowserFixture.AdminToken);
        if (await admin.GetByRole(AriaRole.Button, new() { Name = "Dansk" }).CountAsync() > 0)
        {
            await admin.GetByRole(AriaRole.Button, new() { Name = "Dansk" }).ClickAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "English" }).WaitForAsync();
        }

        await admin.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await BrowserFixture.ScreenshotAsync(admin, "administration");
        await BrowserFixture.AssertAccessibleAsync(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Personer, roller og nøgler" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Ida Bruun" }).ClickAsync();
        await admin.GetByLabel("Navn på nøglen").FillAsync("Browser");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Udsted nøgle" }).ClickAsync();
        var secret = await admin.Locator("#issued-token").InnerTextAsync();
        secret.ShouldStartWith("vt_");
        await BrowserFixture.ScreenshotAsync(admin, "administration-person");
        await BrowserFixture.AssertAccessibleAsync(admin);

        var leader = await app.NewPageAsync();
        await BrowserFixture.SignInOnAsync(leader, secret);
        (await leader.Locator(".vt-user-name").InnerTextAsync()).ShouldContain("Ida Bruun");

        await admin.GetByRole(AriaRole.Button, new() { Name = "Tilbagekald “Browser”" }).ClickAsync();
        await admin.GetByText("Nøglen “Browser” er tilbagekaldt").WaitForAsync();
        await leader.ReloadAsync();
        new Uri(leader.Url).AbsolutePath.ShouldBe("/sign-in");
    }

    [Fact]
    public async Task EveryOtherMainPage_IsAccessibleAndScreenshotted()
    {
        var page = await app.NewPageAsync();
        await BrowserFixture.SignInOnAsync(page, BrowserFixture.AdminToken);
        if (await page.GetByRole(AriaRole.Button, new() { Name = "Dansk" }).CountAsync() > 0)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Dansk" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "English" }).WaitForAsync();
        }

        foreach (var (path, name) in new[] { ("/admin/periods", "administration-perioder"), ("/admin/people", "administration-personer"), ("/notifications", "notifikationer") })
        {
            var response = await page.GotoAsync(path);
            response!.Status.ShouldBe(200, path);
            await BrowserFixture.ScreenshotAsync(page, name);
            await BrowserFixture.AssertAccessibleAsync(page);
        }

        var leader = await app.SignInAsync("Rasmus Kjeldsen");
        await leader.GotoAsync("/foundation");
        (await leader.Locator("h1").InnerTextAsync()).ShouldBe("Mit ledelsesgrundlag");
        await BrowserFixture.ScreenshotAsync(leader, "ledelsesgrundlag");
        await BrowserFixture.AssertAccessibleAsync(leader);
    }

    [Fact]
    public async Task UnknownPage_ShowsTheFriendlyNotFoundPage()
    {
        var page = await app.SignInAsync("Rasmus Kjeldsen");

        var response = await page.GotoAsync("/this-page-does-not-exist");

        response!.Status.ShouldBe(404);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Siden findes ikke");
    }
}
