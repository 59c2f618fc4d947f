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
    public async Task Admin_AddsAndEditsAPerson_AndCreatesRenamesAndMovesAUnit()
    {
        var admin = await app.NewPageAsync();
        await BrowserFixture.SignInOnAsync(admin, BrowserFixture.AdminToken);
        if (await admin.GetByRole(AriaRole.Button, new() { Name = "Dansk" }).CountAsync() > 0)
        {
            await admin.GetByRole(AriaRole.Button, new() { Name = "Dansk" }).ClickAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "English" }).WaitForAsync();
        }

        await admin.GotoAsync("/admin/people");
        await admin.Locator("#new-person summary").ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Tilføj person" }).ClickAsync();
        (await admin.Locator("#person-Name-error").InnerTextAsync()).ShouldContain("Skriv et navn.");
        (await admin.Locator("#person-Email-error").InnerTextAsync()).ShouldContain("Udfyld feltet.");
        await admin.WaitForFunctionAsync("() => document.activeElement?.classList.contains('vt-error-summary')");
        await BrowserFixture.AssertAccessibleAsync(admin);
        await admin.GetByLabel("Navn", new() { Exact = true }).FillAsync("Jonas Holm");
        await admin.GetByLabel("E-mail").FillAsync("jonas.holm@aarhus.dk");
        await admin.GetByLabel("Stilling").FillAsync("Projektleder");
        await admin.GetByLabel("Hjemmeenhed").SelectOptionAsync(new SelectOptionValue { Label = "Økonomi og Analyse" });
        await admin.GetByLabel("Sprog").SelectOptionAsync(new SelectOptionValue { Label = "Engelsk" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Tilføj person" }).ClickAsync();
        await admin.GetByText("Jonas Holm er tilføjet.").WaitForAsync();
        (await admin.Locator("table").InnerTextAsync()).ShouldContain("Projektleder");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Jonas Holm" }).ClickAsync();
        await admin.Locator("#edit-person summary").ClickAsync();
        await admin.GetByLabel("Stilling").FillAsync("Seniorprojektleder");
        await admin.GetByLabel("E-mail").FillAsync("ikke en adresse");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Gem oplysningerne" }).ClickAsync();
        (await admin.Locator("#person-Email-error").InnerTextAsync()).ShouldContain("Skriv en gyldig e-mailadresse.");
        (await admin.GetByLabel("Sprog").InputValueAsync()).ShouldBe("en");
        await admin.GetByLabel("E-mail").FillAsync("jonas.holm@aarhus.dk");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Gem oplysningerne" }).ClickAsync();
        await admin.GetByText("Oplysningerne er gemt.").WaitForAsync();
        (await admin.Locator(".vt-card-meta").InnerTextAsync()).ShouldContain("Seniorprojektleder · Økonomi og Analyse");

        await admin.GotoAsync("/admin");
        await admin.Locator("details:not(.vt-unit-edit) > summary", new() { HasText = "Opret en enhed" }).ClickAsync();
        await admin.Locator("#unit-ParentId").SelectOptionAsync(new SelectOptionValue { Label = "Digitalisering" });
        await admin.Locator("#unit-Name").FillAsync("Dataetik");
        await admin.Locator("#unit-Code").FillAsync("BA-DIG-ETIK");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Opret enhed" }).ClickAsync();
        await admin.GetByText("Enheden “Dataetik” er oprettet.").WaitForAsync();

        var unit = admin.Locator(".vt-unit-edit", new() { HasText = "Omdøb eller flyt Dataetik" });
        await unit.Locator("summary").ClickAsync();
        await unit.GetByLabel("Navn").FillAsync("");
        await unit.GetByRole(AriaRole.Button, new() { Name = "Gem enheden" }).ClickAsync();
        (await unit.Locator(".form-error-message").InnerTextAsync()).ShouldContain("Skriv et navn.");
        await BrowserFixture.AssertAccessibleAsync(admin);
        await unit.GetByLabel("Navn").FillAsync("Data og etik");
        await unit.GetByRole(AriaRole.Button, new() { Name = "Gem enheden" }).ClickAsync();
        await admin.GetByText("Enheden “Data og etik” er gemt.").WaitForAsync();

        unit = admin.Locator(".vt-unit-edit", new() { HasText = "Omdøb eller flyt Data og etik" });
        await unit.Locator("summary").ClickAsync();
        await unit.GetByLabel("Flyt enheden under").SelectOptionAsync(new SelectOptionValue { Label = "Økonomi og Analyse" });
        await unit.GetByRole(AriaRole.Button, new() { Name = "Flyt enheden" }).ClickAsync();
        await admin.GetByText("“Data og etik” ligger nu under “Økonomi og Analyse”.").WaitForAsync();
        var tree = (await admin.Locator(".vt-org-tree > li > strong").AllInnerTextsAsync()).ToList();
        tree.IndexOf("Data og etik").ShouldBe(tree.IndexOf("Økonomi og Analyse") + 1);
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
