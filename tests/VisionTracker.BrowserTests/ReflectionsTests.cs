using Microsoft.Playwright;
using VisionTracker.BrowserTests.Support;

namespace VisionTracker.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ReflectionsTests(BrowserFixture app)
{
    private const string Question = "Hvordan har du omsat visionen til handling siden sidst?";

    /// <summary>The select is at least as wide as its longest option's text in its own font, plus its padding.</summary>
    private const string WidestOptionFits = """
        select => {
            const style = getComputedStyle(select);
            const context = document.createElement('canvas').getContext('2d');
            context.font = style.font;
            const widest = Math.max(...[...select.options].map(o => context.measureText(o.text).width));
            return widest + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) <= select.clientWidth;
        }
        """;

    [Fact]
    public async Task Leader_AnswersAReflectionQuestionAtCheckIn_AndReadsItBackOnMyReflections()
    {
        var page = await app.SignInAsync("Rasmus Kjeldsen");
        var answer = $"Vi holdt borgermøde og ændrede planen ({Guid.NewGuid():N}).";
        var form = page.Locator("details.vt-checkin").Filter(new() { Has = page.GetByLabel("Ny værdi") }).First;

        await form.Locator("summary").ClickAsync();
        await form.Locator("input[name='Input.Confidence']").First.CheckAsync();
        await form.GetByLabel(Question).FillAsync(answer);
        await form.GetByRole(AriaRole.Button, new() { Name = "Gem tjek-ind" }).ClickAsync();
        await page.Locator(".vt-checkin-result").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Mine refleksioner" }).ClickAsync();
        await page.WaitForURLAsync("**/reflections");

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen")));
        await page.GetByLabel("Spørgsmål").SelectOptionAsync(new SelectOptionValue { Label = Question });
        await page.GetByLabel("Fra dato").FillAsync(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/reflections?*question=vision-to-action*");

        var mine = page.Locator("article.vt-reflection", new() { HasText = answer });
        (await mine.CountAsync()).ShouldBe(1);
        (await mine.Locator("dt").AllInnerTextsAsync()).ShouldContain(Question);
        (await mine.Locator("dd").AllInnerTextsAsync()).ShouldContain(answer);
        (await page.Locator("article.vt-reflection").CountAsync()).ShouldBe(1);
        (await page.Locator("#list-heading").InnerTextAsync()).ShouldBe("1 refleksion");
        (await page.GetByLabel("Spørgsmål").EvaluateAsync<bool>(WidestOptionFits)).ShouldBeTrue("every question reads whole in the filter");
        await BrowserFixture.ScreenshotAsync(page, "mine-refleksioner");
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
