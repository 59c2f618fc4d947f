using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace VisionTracker.Bench.Service;

/// <summary>What one nightly run reported in its log: its own time, the stored values it had to repair, the snapshot rows.</summary>
public sealed record NightlyResult(double ElapsedMs, double WallMs, int Repairs, int Snapshots, int Periods);

/// <summary>
/// Runs the <c>figures-nightly</c> job in the service now, the way docs/operations.md tells an operator to: the admin
/// dashboard's "Trigger now" (its antiforgery cookie and token included). The job's own log line says when it is done
/// and how long it took, which excludes the wait for a Hangfire worker to pick it up.
/// </summary>
public static partial class NightlyRun
{
    public const string JobId = "figures-nightly";
    public const string JobCategory = "VisionTracker.Infrastructure.Jobs.FiguresNightlyJob";

    public static async Task<NightlyResult> RunAsync(ServiceProcess service, string adminToken, CancellationToken ct)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true };
        using var client = new HttpClient(handler) { BaseAddress = service.Address, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("bench:" + adminToken)));

        var page = await client.GetStringAsync(new Uri("/hangfire/recurring", UriKind.Relative), ct);
        var csrf = CsrfToken().Match(page) is { Success: true } m ? m.Groups[1].Value
            : throw new InvalidOperationException("The jobs dashboard page has no antiforgery token (csrf-token meta).");

        var from = service.LogCount;
        var watch = Stopwatch.StartNew();
        using var trigger = new HttpRequestMessage(HttpMethod.Post, new Uri("/hangfire/recurring/trigger", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("jobs[]", JobId)]),
        };
        trigger.Headers.Add("RequestVerificationToken", csrf);
        using var response = await client.SendAsync(trigger, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Triggering {JobId} answered {(int)response.StatusCode}.");
        }

        var done = await service.WaitForLogAsync(
            from,
            e => e.TryGetProperty("Category", out var c) && c.GetString() == JobCategory
                && e.GetProperty("Message").GetString()!.StartsWith("Nightly figures done", StringComparison.Ordinal),
            TimeSpan.FromMinutes(10),
            $"the {JobId} run (its 'Nightly figures done' log line)",
            ct);
        var wall = watch.Elapsed.TotalMilliseconds;
        var state = done.GetProperty("State");
        return new NightlyResult(
            Number(state, "ElapsedMs"),
            wall,
            (int)Number(state, "Repairs"),
            (int)Number(state, "Snapshots"),
            (int)Number(state, "Periods"));
    }

    private static double Number(JsonElement state, string name) =>
        state.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"The nightly log line has no {name}.");

    [GeneratedRegex("name=\"csrf-token\" content=\"([^\"]*)\"")]
    private static partial Regex CsrfToken();
}
