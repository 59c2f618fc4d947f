using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Domain.Notifications;
using VisionTracker.Infrastructure.Jobs;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Notifications;

/// <summary>
/// A fresh service and database per test (the tests move the clock), a real SMTP server, and the service configured to
/// send through it. Jobs run the way Hangfire runs them: resolved in a scope of their own, without an HTTP user.
/// </summary>
public sealed class NotificationHost : IAsyncDisposable
{
    public const string PublicBaseUrl = "https://visiontracker.aarhus.dk";

    private WebApplicationFactory<Program> configured = null!;

    private NotificationHost(VisionTrackerFactory factory, SmtpTestServer smtp)
    {
        Factory = factory;
        Smtp = smtp;
    }

    public VisionTrackerFactory Factory { get; }

    public SmtpTestServer Smtp { get; }

    public static Task<NotificationHost> StartAsync(params (string Key, string Value)[] settings) => StartAsync(false, settings);

    public static async Task<NotificationHost> StartAsync(bool seedDemoData, params (string Key, string Value)[] settings)
    {
        var smtp = await SmtpTestServer.StartAsync();
        var factory = new VisionTrackerFactory { SeedDemoData = seedDemoData };
        await factory.InitializeAsync();
        var host = new NotificationHost(factory, smtp);
        host.configured = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Email:Smtp:Host", "127.0.0.1");
            b.UseSetting("Email:Smtp:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Email:Smtp:Security", "None");
            b.UseSetting("Email:Smtp:FromAddress", "visiontracker@aarhus.dk");
            b.UseSetting("App:PublicBaseUrl", PublicBaseUrl);
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        return host;
    }

    public void Advance(TimeSpan by) => Factory.Clock.Advance(by);

    /// <summary>A client of the configured service (links and e-mail set up) that sends the person's token.</summary>
    public HttpClient ClientOf(TestPerson person)
    {
        var client = configured.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", person.Token);
        return client;
    }

    public async Task RunJobAsync<TJob>()
        where TJob : IRecurringJob
    {
        using var scope = configured.Services.CreateScope();
        var job = scope.ServiceProvider.GetServices<IRecurringJob>().OfType<TJob>().Single();
        await job.RunAsync(CancellationToken.None);
    }

    /// <summary>Every recurring job of notifications, by id, each run in its own scope.</summary>
    public async Task RunJobAsync(string id)
    {
        using var scope = configured.Services.CreateScope();
        await scope.ServiceProvider.GetServices<IRecurringJob>().Single(j => j.Id == id).RunAsync(CancellationToken.None);
    }

    /// <summary>Runs a reminder job, then the delivery job, as the schedules would.</summary>
    public async Task RunAndDeliverAsync<TJob>()
        where TJob : IRecurringJob
    {
        await RunJobAsync<TJob>();
        await RunJobAsync<NotificationDeliveryJob>();
    }

    public Task<List<Notification>> NotificationsForAsync(Guid personId) =>
        Factory.WithDbAsync(db => db.Notifications.Where(n => n.RecipientId == personId).OrderBy(n => n.CreatedAt).ToListAsync());

    public Task<string> EmailOfAsync(Guid personId) =>
        Factory.WithDbAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.Email).SingleAsync());

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public static class MailAssertions
{
    /// <summary>Case-sensitive (Shouldly's string ShouldContain ignores case by default).</summary>
    public static void ShouldContainExactly(this string? actual, string expected)
    {
        actual.ShouldNotBeNull();
        actual.ShouldContain(expected, Case.Sensitive);
    }

    public static void ShouldNotContainExactly(this string? actual, string unexpected)
    {
        actual.ShouldNotBeNull();
        actual.ShouldNotContain(unexpected, Case.Sensitive);
    }
}
