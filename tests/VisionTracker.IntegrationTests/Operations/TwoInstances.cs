using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Operations;

/// <summary>The tests that start the service as processes run alone: they are heavy, and they measure.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServiceProcessCollection
{
    public const string Name = "Service processes";
}

/// <summary>
/// Two instances of the service, started at the same moment as their own processes on one new, empty PostgreSQL
/// database, as they would run behind a load balancer: real Hangfire servers on the shared PostgreSQL storage, the
/// notification delivery job every two seconds, e-mail to a real SMTP server in the test, JSON logs.
/// </summary>
public sealed partial class TwoInstances : IAsyncLifetime
{
    public const string AdminToken = "vt_two_instances_admin_token_0123456789";

    /// <summary>The jobs a test triggers by hand never run by themselves (31 February).</summary>
    private const string Never = "0 0 31 2 *";

    public PostgresTestDatabase Database { get; } = new();

    public SmtpTestServer Smtp { get; private set; } = null!;

    public ServiceProcess A { get; private set; } = null!;

    public ServiceProcess B { get; private set; } = null!;

    public IReadOnlyList<ServiceProcess> Both => [A, B];

    public async Task InitializeAsync()
    {
        if (PostgresTestDatabase.Server is null)
        {
            return;
        }

        Smtp = await SmtpTestServer.StartAsync();
        await Database.CreateAsync();
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = Database.ConnectionString,
            ["Seed__DemoData"] = "true",
            ["Auth__BootstrapAdminToken"] = AdminToken,
            ["Jobs__Server__Enabled"] = "true",
            ["Jobs__Server__PollInterval"] = "00:00:01",
            ["Jobs__Recurring__notifications-deliver__Cron"] = "*/2 * * * * *",
            ["Email__Smtp__Host"] = "127.0.0.1",
            ["Email__Smtp__Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email__Smtp__Security"] = "None",
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        };
        foreach (var job in new[] { "figures-nightly", "reminders-checkin", "reminders-action-due", "reminders-action-overdue", "reminders-period-closing", "digest-weekly" })
        {
            settings[$"Jobs__Recurring__{job}__Cron"] = Never;
        }

        var a = ServiceProcess.StartAsync("instance A", settings);
        var b = ServiceProcess.StartAsync("instance B", settings);
        try
        {
            (A, B) = (await a, await b);
        }
        catch
        {
            foreach (var started in new[] { a, b }.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (Smtp is null)
        {
            return;
        }

        foreach (var service in new[] { A, B }.Where(s => s is not null))
        {
            await service.DisposeAsync();
        }

        await Smtp.DisposeAsync();
        await Database.DisposeAsync();
    }

    public static HttpClient Admin(ServiceProcess service) => service.Client(AdminToken);

    /// <summary>
    /// "Trigger now" on the jobs dashboard, as an operator does it: the page (and its antiforgery cookie and token) from
    /// one instance, the button's POST to another: it only works when both read the same Data Protection key ring.
    /// </summary>
    public static async Task<HttpStatusCode> TriggerAsync(string jobId, ServiceProcess pageFrom, ServiceProcess postTo)
    {
        using var handler = new HttpClientHandler { UseCookies = false };
        using var client = new HttpClient(handler);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + AdminToken)));
        using var page = await client.GetAsync(new Uri(pageFrom.Address, "/hangfire/recurring"));
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var csrf = CsrfToken().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        var cookies = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        using var trigger = new HttpRequestMessage(HttpMethod.Post, new Uri(postTo.Address, "/hangfire/recurring/trigger"))
        {
            Content = new FormUrlEncodedContent([new("jobs[]", jobId)]),
        };
        trigger.Headers.Add("RequestVerificationToken", csrf);
        trigger.Headers.Add("Cookie", cookies);
        using var response = await client.SendAsync(trigger);
        return response.StatusCode;
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    [GeneratedRegex("name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfToken();
}
