using Microsoft.Playwright;
using VisionTracker.BrowserTests.Support;

namespace VisionTracker.BrowserTests;

/// <summary>
/// OWASP API8:2023 Security Misconfiguration, seen from a browser: every page comes with a Content-Security-Policy
/// that forbids other origins, inline scripts and framing, and under it the pages still load their own stylesheets,
/// fonts, icons and script — no violation is reported.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityHeaderTests(BrowserFixture app)
{
    private const string ReportViolations =
        "document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));";

    [Fact]
    public async Task Api8_SecurityMisconfiguration_PagesUnderTheirPolicy_LoadTheirOwnStylesFontsAndScripts()
    {
        var signIn = await app.NewPageAsync();
        var violations = Watch(signIn);
        await signIn.Context.AddInitScriptAsync(ReportViolations);
        var answer = await signIn.GotoAsync("/sign-in");
        await AssertPolicyAsync(answer!);
        await AssertStyledAsync(signIn);

        var signedIn = await app.SignInAsync("Lene Overgaard");
        violations.AddRange(Watch(signedIn));
        await signedIn.Context.AddInitScriptAsync(ReportViolations);
        await AssertPolicyAsync((await signedIn.ReloadAsync())!);
        await AssertStyledAsync(signedIn);
        await signedIn.GotoAsync("/vision");
        await AssertStyledAsync(signedIn);

        violations.ShouldBeEmpty();
    }

    private static List<string> Watch(IPage page)
    {
        var seen = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("CSP violation", StringComparison.Ordinal) || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (seen)
                {
                    seen.Add($"{page.Url}: {message.Text}");
                }
            }
        };
        return seen;
    }

    private static async Task AssertPolicyAsync(IResponse answer)
    {
        var policy = await answer.HeaderValueAsync("content-security-policy");
        policy.ShouldNotBeNull();
        policy.ShouldContain("default-src 'self'");
        policy.ShouldContain("frame-ancestors 'none'");
        policy.ShouldNotContain("unsafe-inline");
        (await answer.HeaderValueAsync("x-content-type-options")).ShouldBe("nosniff");
    }

    /// <summary>Both stylesheets applied (DKFDS's font on the body) and its web font loaded from this service.</summary>
    private static async Task AssertStyledAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        (await page.EvaluateAsync<int>("[...document.styleSheets].filter(s => s.cssRules.length > 0).length")).ShouldBeGreaterThanOrEqualTo(2);
        (await page.EvaluateAsync<string>("getComputedStyle(document.body).fontFamily")).ShouldContain("IBM Plex Sans");
        (await page.EvaluateAsync<int>("document.fonts.ready.then(() => [...document.fonts].filter(f => f.status === 'loaded').length)")).ShouldBeGreaterThan(0);
    }
}
