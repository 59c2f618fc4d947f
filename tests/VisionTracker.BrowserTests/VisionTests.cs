using Microsoft.Playwright;
using VisionTracker.BrowserTests.Support;

namespace VisionTracker.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class VisionTests(BrowserFixture app)
{
    [Fact]
    public async Task VisionTree_FilteredByUnitAndGreenTransition_KeepsOnlyThoseGoals()
    {
        var page = await app.SignInAsync("Sofie Kjærgaard");
        await page.GotoAsync("/vision");
        await BrowserFixture.ScreenshotAsync(page, "visionen");
        await page.Locator("details.vt-tree[id^=goal-]").First.Locator("summary").ClickAsync();
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await BrowserFixture.ScreenshotAsync(page, "readme-visionen", fullPage: false);
        await page.Locator("details.vt-tree[id^=goal-]").First.Locator("summary").ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        var allGoals = await page.Locator("details.vt-tree[id^=goal-]").CountAsync();

        await page.GetByLabel("Enhed").SelectOptionAsync(new SelectOptionValue { Label = "Teknik og Miljø" });
        await page.GetByLabel("Grøn omstilling").SelectOptionAsync(new SelectOptionValue { Label = "Ja" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis", Exact = true }).ClickAsync();

        await page.GetByText("Med et filter viser temaerne gennemsnittet").WaitForAsync();
        var shown = await page.Locator("details.vt-tree[id^=goal-] > summary .vt-muted").AllTextContentsAsync();
        shown.Count.ShouldBeGreaterThan(0);
        shown.Count.ShouldBeLessThan(allGoals);
        page.Url.ShouldContain("green=true");
        (await page.GetByLabel("Enhed").InputValueAsync()).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task VisionTree_OpensAndClosesWithTheKeyboard()
    {
        var page = await app.SignInAsync("Sofie Kjærgaard", 360);
        await page.GotoAsync("/vision");
        var goal = page.Locator("details.vt-tree[id^=goal-]").First;
        (await goal.GetAttributeAsync("open")).ShouldBeNull();

        await goal.Locator("summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        (await goal.GetAttributeAsync("open")).ShouldNotBeNull();
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360);
        await BrowserFixture.ScreenshotAsync(page, "visionen-360");
    }
}
