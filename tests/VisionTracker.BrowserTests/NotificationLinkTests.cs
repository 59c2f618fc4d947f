using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using VisionTracker.Application.Common;
using VisionTracker.BrowserTests.Support;

namespace VisionTracker.BrowserTests;

/// <summary>Every link a message carries (built by IPageLinks) opens the page, and the key result or action, it names.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationLinkTests(BrowserFixture app)
{
    private const string StaleKeyResult = "Andel ture på cykel i Midtbyen";

    [Fact]
    public async Task StaleCheckInReminder_LinksToTheKeyResultOnItsGoalPage()
    {
        await app.RunJobAsync("reminders-checkin");
        var keyResultId = await app.WithDbAsync(db => db.KeyResults.Where(k => k.Title == StaleKeyResult).Select(k => k.Id).SingleAsync());
        var page = await app.SignInAsync("Lene Overgaard");
        await page.GetByRole(AriaRole.Link, new() { Name = "Notifikationer", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/notifications");
        await BrowserFixture.ScreenshotAsync(page, "notifikationer-leder");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = StaleKeyResult }).First.ClickAsync();

        await page.WaitForURLAsync($"**/goals/*#kr-{keyResultId}");
        var keyResult = page.Locator($"#kr-{keyResultId}");
        (await keyResult.Locator("h3").InnerTextAsync()).ShouldBe(StaleKeyResult);
        await Assertions.Expect(keyResult).ToBeInViewportAsync();
    }

    [Fact]
    public async Task WeeklyDigest_EveryLinkOpensItsPageAndItem()
    {
        await app.RunJobAsync("digest-weekly");
        var page = await app.SignInAsync("Camilla Friis Sørensen");
        await page.GotoAsync("/notifications");
        var digest = page.Locator("li.vt-card", new() { Has = page.Locator("h2", new() { HasText = "Ugentligt overblik" }) }).First;
        var links = await digest.Locator(".vt-message a").EvaluateAllAsync<string[]>("links => links.map(a => a.href)");

        links.ShouldNotBeEmpty();
        links.ShouldContain(l => l.Contains("#kr-", StringComparison.Ordinal));
        // Goals and key results to look at; collaborations from elsewhere where the department answers them.
        links.ShouldAllBe(l => l.StartsWith(app.BaseUrl + "/goals/", StringComparison.Ordinal) || l.StartsWith(app.BaseUrl + "/departments/", StringComparison.Ordinal));
        foreach (var target in links.Select(l => new Uri(l)).GroupBy(u => u.GetLeftPart(UriPartial.Path)))
        {
            var response = await page.GotoAsync(target.Key);
            response!.Status.ShouldBe(200, target.Key);
            foreach (var fragment in target.Select(u => u.Fragment).Where(f => f.Length > 1).Distinct())
            {
                (await page.Locator(fragment).CountAsync()).ShouldBe(1, target.Key + fragment);
            }
        }
    }

    [Fact]
    public async Task EveryPageLink_OpensAPage()
    {
        var links = app.Service<IPageLinks>();
        var unitId = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Name == "Teknik og Miljø").Select(u => u.Id).SingleAsync());
        var page = await app.NewPageAsync();
        await BrowserFixture.SignInOnAsync(page, BrowserFixture.AdminToken);

        foreach (var link in new[] { links.MyWork(), links.VisionTree(), links.Department(unitId), links.Foundation(), links.Notifications(), links.Admin() })
        {
            var response = await page.GotoAsync(link!);
            response!.Status.ShouldBe(200, link);
            new Uri(page.Url).AbsolutePath.ShouldBe(new Uri(link!).AbsolutePath);
        }
    }
}
