using Microsoft.Playwright;
using VisionTracker.BrowserTests.Support;

namespace VisionTracker.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class MyWorkTests(BrowserFixture app)
{
    private const string KeyResult = "Nye cykelparkeringspladser ved stationer";
    private const string Goal = "Flere vælger cyklen og den kollektive trafik";

    [Fact]
    public async Task CheckIn_OnAKeyResult_ShowsTheNewFiguresOfTheKeyResultGoalAndThemes()
    {
        var page = await app.SignInAsync("Lene Overgaard");
        var card = page.Locator("article", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = KeyResult }) });
        var goalBefore = await GoalProgressAsync(card);

        await card.Locator("summary").ClickAsync();
        var target = await TargetOfAsync(card);
        await card.GetByLabel("Ny værdi").FillAsync(target);
        await card.GetByLabel("Høj (grøn) – vi når det").CheckAsync();
        await card.GetByLabel("Refleksion").FillAsync("Vi lærte at tale med DSB tidligt. Nu tager vi de sidste stationer.");
        await card.GetByRole(AriaRole.Button, new() { Name = "Gem tjek-ind" }).ClickAsync();

        var result = card.Locator(".vt-checkin-result");
        await result.WaitForAsync();
        var lines = await result.Locator("li").AllInnerTextsAsync();
        lines.Count.ShouldBeGreaterThanOrEqualTo(3);
        lines[0].ShouldStartWith("Nøgleresultatet:");
        lines[0].ShouldEndWith("→ 100 % (På sporet)");
        lines[1].ShouldStartWith($"Målet “{Goal}”:");
        lines.Skip(2).ShouldAllBe(l => l.StartsWith("Temaet “"));
        (await GoalProgressAsync(card)).ShouldBeGreaterThan(goalBefore);
        await BrowserFixture.ScreenshotAsync(page, "mit-arbejde-efter-tjek-ind");

        var keyResultId = (await card.GetAttributeAsync("id"))!["kr-".Length..];
        await page.GetByRole(AriaRole.Link, new() { Name = "Visionen" }).ClickAsync();
        await page.WaitForURLAsync("**/vision");
        (await page.Locator($"#tree-kr-{keyResultId} .vt-bar-text").First.TextContentAsync())!.ShouldStartWith("100");
    }

    [Fact]
    public async Task CheckIn_WithAValueThatIsNoNumber_KeepsWhatWasTypedAndSaysWhyInDanish()
    {
        var page = await app.SignInAsync("Lene Overgaard");
        var card = page.Locator("article", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = KeyResult }) });
        await card.Locator("summary").ClickAsync();

        await card.GetByLabel("Ny værdi").FillAsync("mange");
        await card.GetByLabel("Refleksion").FillAsync("Noget at huske");
        await card.GetByRole(AriaRole.Button, new() { Name = "Gem tjek-ind" }).ClickAsync();

        var error = card.Locator(".form-error-message");
        await error.First.WaitForAsync();
        (await error.First.InnerTextAsync()).ShouldContain("Skriv et tal, fx 12,5.");
        (await card.GetByLabel("Ny værdi").InputValueAsync()).ShouldBe("mange");
        (await card.GetByLabel("Refleksion").InputValueAsync()).ShouldBe("Noget at huske");
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task MyWork_AtDesktopAndPhoneWidth_IsAccessible()
    {
        foreach (var (width, name) in new[] { (1280, "mit-arbejde"), (360, "mit-arbejde-360") })
        {
            var page = await app.SignInAsync("Mads Lauritsen", width);

            (await page.Locator("h1").InnerTextAsync()).ShouldBe("Mit arbejde");
            await BrowserFixture.ScreenshotAsync(page, name);
            (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(width);
            await BrowserFixture.AssertAccessibleAsync(page);
            if (width == 1280)
            {
                await BrowserFixture.ScreenshotAsync(page, "readme-mit-arbejde", fullPage: false);
            }
        }
    }

    private static async Task<double> GoalProgressAsync(ILocator card)
    {
        var text = await card.Locator(".vt-where dd").First.Locator(".vt-bar-text").InnerTextAsync();
        return double.Parse(text.Replace("%", "").Trim(), System.Globalization.CultureInfo.GetCultureInfo("da-DK"));
    }

    private static async Task<string> TargetOfAsync(ILocator card)
    {
        var hint = await card.Locator(".form-hint").First.InnerTextAsync();
        return hint.Split("Mål:")[1].Trim().TrimEnd('.').Split(' ')[0];
    }
}
