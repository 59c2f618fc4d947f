using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using VisionTracker.BrowserTests.Support;

namespace VisionTracker.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class GoalTests(BrowserFixture app)
{
    [Fact]
    public async Task CreateGoal_WithAKeyResultAndAnAction_ShowsDanishErrorsNextToTheFieldsFirst()
    {
        var page = await app.SignInAsync("Peter Brøndum");
        await page.GetByRole(AriaRole.Link, new() { Name = "Opret et nyt mål" }).ClickAsync();
        await page.WaitForURLAsync("**/goals/new");

        await page.GetByRole(AriaRole.Button, new() { Name = "Opret mål" }).ClickAsync();

        await page.Locator("#goal-Title-error").WaitForAsync();
        (await page.Locator("#goal-Title-error").InnerTextAsync()).ShouldContain("Udfyld feltet.");
        (await page.Locator("#goal-CitizenValue-error").InnerTextAsync()).ShouldContain("Skriv, hvem der får gavn af målet, og hvordan");
        (await page.Locator(".vt-error-summary").InnerTextAsync()).ShouldContain("Der er fejl i formularen");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByLabel("Målets titel").FillAsync("Regnvand bliver til byens grønne rum");
        await page.GetByLabel("Værdi for borgerne").FillAsync("Færre oversvømmede kældre og flere grønne steder at mødes for borgerne i Egå");
        await page.GetByLabel("Målet bidrager til den grønne omstilling").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret mål" }).ClickAsync();
        await page.WaitForURLAsync("**/goals/*?created=true");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Regnvand bliver til byens grønne rum");

        var newKr = page.Locator("#new-kr");
        await newKr.Locator("summary").ClickAsync();
        await newKr.GetByRole(AriaRole.Button, new() { Name = "Tilføj nøgleresultat" }).ClickAsync();
        await page.Locator("#kr-Title-error").WaitForAsync();
        (await page.Locator("#kr-Title-error").InnerTextAsync()).ShouldContain("Udfyld feltet.");
        await page.GetByLabel("Hvad måler I?").FillAsync("Regnvandsbede anlagt");
        await page.GetByLabel("Startværdi").FillAsync("0");
        await page.GetByLabel("Mål for perioden").FillAsync("40");
        await page.Locator("#kr-Unit").FillAsync("bede");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj nøgleresultat" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Regnvandsbede anlagt" }).WaitForAsync();

        var newAction = page.Locator("#new-action");
        await newAction.Locator("summary").ClickAsync();
        await page.GetByLabel("Hvad gør du?").FillAsync("Borgermøde i Egå om regnvandsbede");
        await page.GetByLabel("Hvilket nøgleresultat flytter handlingen?").SelectOptionAsync(new SelectOptionValue { Label = "Regnvandsbede anlagt" });
        await page.GetByLabel("Frist").FillAsync("2026-12-10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj handling" }).ClickAsync();

        await page.GetByRole(AriaRole.Cell, new() { Name = "Borgermøde i Egå om regnvandsbede" }).WaitForAsync();
        (await page.Locator("table").Last.InnerTextAsync()).ShouldContain("Regnvandsbede anlagt");

        var row = page.Locator("tr", new() { HasText = "Borgermøde i Egå om regnvandsbede" });
        await row.Locator("summary").ClickAsync();
        await row.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = "I gang" });
        await row.GetByLabel("Fremdrift i procent").FillAsync("40");
        await row.GetByLabel("Høj (grøn) – vi når det").CheckAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Gem opdatering" }).ClickAsync();
        await page.GetByText("Handlingen er opdateret.").WaitForAsync();
        (await page.Locator("tr", new() { HasText = "Borgermøde i Egå om regnvandsbede" }).InnerTextAsync()).ShouldContain("I gang");
        await BrowserFixture.ScreenshotAsync(page, "maal");
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task TwoBrowsers_EditOneGoal_TheSecondSaveShowsTheConflictAndLosesNothing()
    {
        var goalId = await app.WithDbAsync(db => db.Goals.Where(g => g.Title == "Hurtigere sagsbehandling af byggesager").Select(g => g.Id).SingleAsync());
        var first = await app.SignInAsync("Camilla Friis Sørensen");
        var second = await app.SignInAsync("Camilla Friis Sørensen");
        foreach (var page in new[] { first, second })
        {
            await page.GotoAsync($"/goals/{goalId}");
            await page.Locator("#edit summary").ClickAsync();
        }

        await first.GetByLabel("Målets titel").FillAsync("Hurtigere og enklere byggesager");
        await first.GetByRole(AriaRole.Button, new() { Name = "Gem ændringerne" }).ClickAsync();
        await first.GetByText("Ændringerne er gemt.").WaitForAsync();
        await second.Locator("#goal-Description").FillAsync("Vi måler hver måned og deler tallene med byggebranchen.");
        await second.GetByRole(AriaRole.Button, new() { Name = "Gem ændringerne" }).ClickAsync();

        var conflict = second.Locator(".vt-conflict");
        await conflict.WaitForAsync();
        (await conflict.InnerTextAsync()).ShouldContain("Nogen har ændret målet, mens du redigerede");
        (await conflict.InnerTextAsync()).ShouldContain("Hurtigere og enklere byggesager");
        (await second.Locator("#goal-Description").InputValueAsync()).ShouldBe("Vi måler hver måned og deler tallene med byggebranchen.");
        (await second.GetByLabel("Målets titel").InputValueAsync()).ShouldBe("Hurtigere og enklere byggesager");
        await BrowserFixture.AssertAccessibleAsync(second);

        await second.GetByRole(AriaRole.Button, new() { Name = "Gem ændringerne" }).ClickAsync();
        await second.GetByText("Ændringerne er gemt.").WaitForAsync();
        await second.ReloadAsync();
        (await second.Locator("h1").InnerTextAsync()).ShouldBe("Hurtigere og enklere byggesager");
        (await second.Locator(".vt-where").InnerTextAsync()).ShouldContain("Vi måler hver måned og deler tallene med byggebranchen.");
    }

    [Fact]
    public async Task Leader_OpeningAnotherDepartmentsDraftGoal_GetsAFriendlyNotFoundPage()
    {
        var draft = await app.WithDbAsync(db => db.Goals.Where(g => g.Title == "Flere socialøkonomiske virksomheder i Aarhus").Select(g => g.Id).SingleAsync());
        var page = await app.SignInAsync("Lene Overgaard");

        var response = await page.GotoAsync($"/goals/{draft}");

        response!.Status.ShouldBe(404);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Siden findes ikke");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("socialøkonomiske");
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
