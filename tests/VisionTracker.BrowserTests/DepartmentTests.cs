using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using VisionTracker.BrowserTests.Support;

namespace VisionTracker.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class DepartmentTests(BrowserFixture app)
{
    [Fact]
    public async Task DepartmentHead_RejectsAnAlignmentWithARationale_AndTheOwnerSeesTheDecision()
    {
        var (goalId, title) = await ProposedAlignmentAsync("Lene Overgaard", "Færre biler ved skolerne om morgenen");
        var head = await app.SignInAsync("Camilla Friis Sørensen");
        await head.GetByRole(AriaRole.Link, new() { Name = "Afdelingen" }).ClickAsync();
        await head.GetByRole(AriaRole.Heading, new() { Name = "Teknik og Miljø", Level = 1 }).WaitForAsync();
        await BrowserFixture.ScreenshotAsync(head, "afdelingen");
        await BrowserFixture.AssertAccessibleAsync(head);
        var card = head.Locator("article", new() { Has = head.GetByRole(AriaRole.Link, new() { Name = title }) });

        await card.GetByLabel("Afvis").CheckAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Gem vurdering" }).ClickAsync();
        await card.Locator(".form-error-message").First.WaitForAsync();
        (await card.Locator(".form-error-message").First.InnerTextAsync()).ShouldContain("Skriv en begrundelse, når du afviser eller beder om ændringer.");
        await card.GetByLabel("Afvis").CheckAsync();
        await card.GetByLabel("Begrundelse til målets ejer").FillAsync("Målet handler om trafiksikkerhed, ikke om klimaet. Kobl det til temaet om sundhed og tryghed.");
        await card.GetByRole(AriaRole.Button, new() { Name = "Gem vurdering" }).ClickAsync();
        await head.GetByText("Vurderingen er gemt: Afvist.").WaitForAsync();

        var owner = await app.SignInAsync("Lene Overgaard");
        await owner.GotoAsync($"/goals/{goalId}");
        var alignment = owner.Locator(".vt-alignments li").First;
        (await alignment.InnerTextAsync()).ShouldContain("Afvist");
        (await alignment.InnerTextAsync()).ShouldContain("Målet handler om trafiksikkerhed, ikke om klimaet.");
        (await alignment.Locator(".vt-review-history li").InnerTextAsync()).ShouldContain("Afvist · Camilla Friis Sørensen: Målet handler om trafiksikkerhed");
    }

    [Fact]
    public async Task DepartmentHead_ConfirmsAnIncomingCollaboration_AndItNoLongerWaits()
    {
        var head = await app.SignInAsync("Camilla Friis Sørensen");
        await head.GetByRole(AriaRole.Link, new() { Name = "Afdelingen" }).ClickAsync();
        var section = head.Locator("section", new() { Has = head.GetByRole(AriaRole.Heading, new() { Name = "Samarbejder fra andre, der venter på jeres svar" }) });
        var card = section.Locator("article", new() { Has = head.GetByRole(AriaRole.Button, new() { Name = "Bekræft samarbejdet" }) }).First;
        var id = await card.GetAttributeAsync("id");

        await card.GetByRole(AriaRole.Button, new() { Name = "Bekræft samarbejdet" }).ClickAsync();

        await head.GetByText("Svaret er gemt: Bekræftet. Ejeren får besked.").WaitForAsync();
        (await head.Locator($"#{id} .vt-card-meta").InnerTextAsync()).ShouldContain("Bekræftet");
        await BrowserFixture.AssertAccessibleAsync(head);
    }

    [Fact]
    public async Task Leader_OpeningTheAdminPages_GetsAFriendlyForbiddenPage()
    {
        var page = await app.SignInAsync("Lene Overgaard");

        var response = await page.GotoAsync("/admin");

        response!.Status.ShouldBe(403);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Du har ikke adgang");
        (await page.Locator("nav").InnerTextAsync()).ShouldNotContain("Administration");
    }

    /// <summary>A leader's new goal linked to the vision's first theme, arranged through the REST API with the leader's own token.</summary>
    private async Task<(Guid GoalId, string Title)> ProposedAlignmentAsync(string leader, string title)
    {
        var token = await app.TokenForAsync(leader);
        var (periodId, unitId, themeId) = await app.WithDbAsync(async db => (
            await db.Periods.Where(p => p.State == Domain.Planning.PeriodState.Active).Select(p => p.Id).SingleAsync(),
            await db.People.Where(p => p.Name == leader).Select(p => p.HomeUnitId).SingleAsync(),
            await db.Themes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync()));
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" } });
        var created = await context.APIRequest.PostAsync("/api/goals", new() { DataObject = new { periodId, ownerUnitId = unitId, title, citizenValue = "Tryggere skoleveje for børnene", coCreationLevel = "Involve", greenTransition = true } });
        created.Status.ShouldBe(201);
        var goalId = (await created.JsonAsync())!.Value.GetProperty("id").GetGuid();
        var aligned = await context.APIRequest.PutAsync($"/api/goals/{goalId}/themes/{themeId}", new() { DataObject = new { rationale = "Færre bilture giver mindre CO2." } });
        aligned.Status.ShouldBe(200);
        await context.CloseAsync();
        return (goalId, title);
    }
}
