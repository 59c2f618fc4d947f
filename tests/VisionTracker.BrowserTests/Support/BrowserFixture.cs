using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Organisation;
using VisionTracker.Infrastructure.Jobs;
using VisionTracker.Infrastructure.Persistence;

namespace VisionTracker.BrowserTests.Support;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// One real service (Kestrel on a dynamic loopback port, a SQLite file seeded with the Aarhus demo) and one headless
/// Debian Chromium for the whole collection; each test gets fresh browser contexts, so cookies never leak between them.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime, IDisposable
{
    public const string AdminToken = "vt_browser_test_bootstrap_admin_token";
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>How long a step may wait: a ceiling for a machine shared with several builds, not a speed check.</summary>
    private const float Timeout = 30_000;

    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"visiontracker_browser_{Guid.NewGuid():N}.db");
    private Host? host;
    private IPlaywright? playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: TestResults/screenshots under the repository (scripts/test.sh keeps TestResults).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot(), "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        host = new Host(databasePath, () => BaseUrl);
        host.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        host.StartServer();
        BaseUrl = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: install Debian's chromium (scripts/test.sh does, with apt-get).");
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        playwright?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(databasePath + suffix);
        }
    }

    /// <summary>xunit calls this after <see cref="DisposeAsync"/>, which stops the host and the browser.</summary>
    public void Dispose() => sessionsLock.Dispose();

    public async Task<T> WithDbAsync<T>(Func<VisionTrackerDbContext, Task<T>> work)
    {
        using var scope = host!.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<VisionTrackerDbContext>());
    }

    /// <summary>A fresh personal token for a person of the demo (as an administrator would issue one).</summary>
    public Task<string> TokenForAsync(string personName) => WithDbAsync(async db =>
    {
        var person = await db.People.SingleAsync(p => p.Name == personName);
        var secret = ApiToken.NewSecret();
        db.ApiTokens.Add(new ApiToken { PersonId = person.Id, Name = "browser test", Hash = ApiToken.HashOf(secret), CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return secret;
    });

    /// <summary>A new browser (its own cookies) at 1280 × 900, or at <paramref name="width"/> for the narrow layout.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            Locale = "da-DK",
        });
        context.SetDefaultTimeout(Timeout);
        return await context.NewPageAsync();
    }

    private readonly Dictionary<string, string> sessions = [];
    private readonly SemaphoreSlim sessionsLock = new(1, 1);

    /// <summary>
    /// A new browser signed in as the person, on "Mit arbejde". The first time per person it goes through the sign-in
    /// page with a fresh token; later browsers start with that session's cookies (as a second tab would).
    /// </summary>
    public async Task<IPage> SignInAsync(string personName, int width = 1280)
    {
        await sessionsLock.WaitAsync();
        try
        {
            if (sessions.TryGetValue(personName, out var state))
            {
                var context = await Browser.NewContextAsync(new BrowserNewContextOptions
                {
                    BaseURL = BaseUrl,
                    ViewportSize = new ViewportSize { Width = width, Height = 900 },
                    Locale = "da-DK",
                    StorageState = state,
                });
                context.SetDefaultTimeout(Timeout);
                var page = await context.NewPageAsync();
                await page.GotoAsync("/");
                return page;
            }

            var first = await NewPageAsync(width);
            await SignInOnAsync(first, await TokenForAsync(personName));
            sessions[personName] = await first.Context.StorageStateAsync();
            return first;
        }
        finally
        {
            sessionsLock.Release();
        }
    }

    public static async Task SignInOnAsync(IPage page, string token)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Personlig nøgle (token)").Or(page.GetByLabel("Personal token")).FillAsync(token);
        await page.Locator("form[action='/sign-in'] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }

    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = fullPage });

    /// <summary>axe-core on the page as it is now: no serious or critical violations of WCAG 2.1 A/AA.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        bad.ShouldBeEmpty(string.Join("\n", bad.Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(" | ", v.Nodes.Select(n => string.Join(",", n.Target)))}")));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VisionTracker.sln")))
            {
                return dir.FullName;
            }
        }

        return Path.GetTempPath();
    }

    /// <summary>Runs a recurring job (reminders, the digest) now, as its schedule would.</summary>
    public async Task RunJobAsync(string id)
    {
        using var scope = host!.Services.CreateScope();
        await scope.ServiceProvider.GetServices<IRecurringJob>().Single(j => j.Id == id).RunAsync(CancellationToken.None);
    }

    public T Service<T>()
        where T : notnull => host!.Services.GetRequiredService<T>();

    private sealed class Host(string databasePath, Func<string> baseUrl) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Messages link to App:PublicBaseUrl; here that is the loopback port Kestrel picks, known once it has started.
            builder.ConfigureServices(s => s.PostConfigure<PublicLinkOptions>(o => o.PublicBaseUrl = baseUrl()));
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:ConnectionString", $"Data Source={databasePath}");
            builder.UseSetting("Seed:DemoData", "true");
            builder.UseSetting("Auth:BootstrapAdminToken", AdminToken);
            builder.UseSetting("Jobs:Storage", "InMemory");
            builder.UseSetting("Jobs:Server:Enabled", "false");
        }
    }
}
