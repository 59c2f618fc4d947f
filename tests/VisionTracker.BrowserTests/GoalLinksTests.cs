using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using VisionTracker.BrowserTests.Support;

namespace VisionTracker.BrowserTests;

/// <summary>The goal page's forms beyond the goal's own texts: its key results, its parent, its collaborations, archiving.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GoalLinksTests(BrowserFixture app)
{
    [Fact]
    public async Task DepartmentHead_EditsAndDeletesAKeyResult_PlacesTheGoal_LinksAPartner_AndArchivesAndRestoresIt()
    {
        const string Title = "Flere socialøkonomiske virksomheder i Aarhus";
        var goalId = await app.WithDbAsync(db => db.Goals.Where(g => g.Title == Title).Select(g => g.Id).SingleAsync());
        var krId = await app.WithDbAsync(db => db.KeyResults.Where(k => k.GoalId == goalId).Select(k => k.Id).SingleAsync());
        var page = await app.SignInAsync("Louise Damgaard");
        await page.GotoAsync($"/goals/{goalId}");

        var kr = page.Locator($"#ke-{krId:N}");
        await kr.Locator("summary").ClickAsync();
        await kr.GetByLabel("Hvad måler I?").FillAsync("");
        await kr.GetByLabel("Vægt").FillAsync("mange");
        await kr.GetByRole(AriaRole.Button, new() { Name = "Gem nøgleresultatet" }).ClickAsync();
        await page.Locator($"#ke-{krId:N}-Title-error").WaitForAsync();
        (await page.Locator($"#ke-{krId:N}-Weight-error").InnerTextAsync()).ShouldContain("Skal være mellem 0 og 100");
        await FocusedShouldBeAsync(page, "vt-error-summary");
        await BrowserFixture.AssertAccessibleAsync(page);

        await kr.GetByLabel("Hvad måler I?").FillAsync("Socialøkonomiske virksomheder med partnerskab");
        await kr.GetByLabel("Vægt").FillAsync("2");
        await kr.GetByLabel("Mål for perioden").FillAsync("25");
        await kr.GetByRole(AriaRole.Button, new() { Name = "Gem nøgleresultatet" }).ClickAsync();
        await page.GetByText("Nøgleresultatet “Socialøkonomiske virksomheder med partnerskab” er gemt.").WaitForAsync();
        await FocusedShouldBeAsync(page, "alert-success");
        (await page.Locator($"#kr-{krId}").InnerTextAsync()).ShouldContain("vægt 2");

        await page.Locator($"#ke-{krId:N} summary").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Slet nøgleresultatet “Socialøkonomiske virksomheder med partnerskab”" }).ClickAsync();
        await page.GetByText("Nøgleresultatet “Socialøkonomiske virksomheder med partnerskab” er slettet.").WaitForAsync();
        (await page.Locator($"#kr-{krId}").CountAsync()).ShouldBe(0);

        await page.Locator("#parent summary").ClickAsync();
        await page.GetByLabel("Overordnet mål").SelectOptionAsync(new SelectOptionValue { Label = "Flere borgere i job og uddannelse (Sociale Forhold og Beskæftigelse)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem placeringen" }).ClickAsync();
        await page.GetByText("Målet er placeret under “Flere borgere i job og uddannelse”.").WaitForAsync();
        (await page.Locator(".breadcrumbs").InnerTextAsync()).ShouldContain("Flere borgere i job og uddannelse");
        await page.Locator("#parent summary").ClickAsync();
        await page.GetByLabel("Overordnet mål").SelectOptionAsync(new SelectOptionValue { Label = "Intet overordnet mål" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem placeringen" }).ClickAsync();
        await page.GetByText("Målet har ikke længere et overordnet mål.").WaitForAsync();

        var collab = page.Locator("#new-collab");
        await collab.Locator("summary").ClickAsync();
        await collab.GetByLabel("Slags samarbejde").SelectOptionAsync(new SelectOptionValue { Label = "Med en ekstern partner" });
        await collab.GetByRole(AriaRole.Button, new() { Name = "Tilføj samarbejde" }).ClickAsync();
        (await page.Locator("#collab-PartnerName-error").InnerTextAsync()).ShouldContain("Udfyld den partner, der hører til");
        await page.Locator("#parent summary").ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await collab.GetByLabel("Partnerens navn").FillAsync("Aarhus Erhverv");
        await collab.GetByLabel("Hvad samarbejder I om?").FillAsync("Fælles rådgivning af nye virksomheder");
        await collab.GetByRole(AriaRole.Button, new() { Name = "Tilføj samarbejde" }).ClickAsync();
        await page.GetByText("Samarbejdet er tilføjet.").WaitForAsync();
        (await page.Locator(".vt-collaborations").InnerTextAsync()).ShouldContain("Aarhus Erhverv");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fjern samarbejdet med Aarhus Erhverv" }).ClickAsync();
        await page.GetByText("Samarbejdet er fjernet.").WaitForAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Arkivér målet" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Gendan målet" }).WaitForAsync();
        (await page.Locator(".vt-card-meta").First.InnerTextAsync()).ShouldContain("Arkiveret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gendan målet" }).ClickAsync();
        await page.GetByText("Målet er gendannet.").WaitForAsync();
        (await page.Locator("#edit").CountAsync()).ShouldBe(1);
    }

    private static async Task FocusedShouldBeAsync(IPage page, string cssClass) =>
        await page.WaitForFunctionAsync("c => document.activeElement?.classList.contains(c)", cssClass);
}
