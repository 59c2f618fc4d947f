using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using VisionTracker.Bench.Data;
using VisionTracker.Bench.Report;

namespace VisionTracker.Bench.Reads;

/// <summary>A read scenario's timings (milliseconds per run; several requests when it pages) and whether the answers agreed.</summary>
public sealed record ReadResult(string Name, string Api, string Url, bool Council, double[] ServiceMs, double[] SqlMs, int Rows, int Requests, string? Mismatch, string? Error);

/// <summary>
/// Runs each read once untimed through both paths and compares the answers (a mismatch is reported, with the first
/// differing row, and fails the run), then times them alternately, service and SQL, up to <c>--runs</c> times each or
/// until the scenario's time budget is spent (at least three runs). HTTP time is from sending the first request to
/// having the last byte of the last page; SQL time from executing the first statement to having read the last row. A
/// read the service refuses (any answer but 2xx) ends that scenario with its error, and the run goes on.
/// </summary>
public sealed class ReadRunner(HttpClient client, BenchDatabase database, FigureColumns figures, BenchOptions options)
{
    private const int MinimumRuns = 3;

    private int Minimum => Math.Min(MinimumRuns, options.Runs);

    public async Task<ReadResult> RunAsync(ReadScenario scenario, ReadTargets targets, CancellationToken ct)
    {
        var url = scenario.Url(targets);
        await using var connection = await database.OpenAsync(ct);
        var sql = new SqlReader(connection, database, figures);
        List<double> serviceMs = [];
        List<double> sqlMs = [];
        var fromSql = await scenario.FromSql(targets, sql);
        var requests = 0;
        string? mismatch = null;
        try
        {
            var (pages, _) = await GetAsync(url, scenario.AllPages, ct);
            requests = pages.Count;
            mismatch = Compare(scenario.FromService(targets, pages).ToList(), fromSql, scenario.Ordered);

            var budget = Stopwatch.StartNew();
            while (serviceMs.Count < options.Runs && (serviceMs.Count < Minimum || budget.Elapsed.TotalSeconds < options.BudgetSeconds))
            {
                var (_, ms) = await GetAsync(url, scenario.AllPages, ct);
                serviceMs.Add(ms);
                var watch = Stopwatch.StartNew();
                await scenario.FromSql(targets, sql);
                sqlMs.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        catch (ServiceRefusedException e)
        {
            return new ReadResult(scenario.Name, scenario.Api, url, scenario.Council, [.. serviceMs], [.. sqlMs], fromSql.Count, requests, mismatch, e.Message);
        }

        return new ReadResult(scenario.Name, scenario.Api, url, scenario.Council, [.. serviceMs], [.. sqlMs], fromSql.Count, requests, mismatch, null);
    }

    /// <summary>The page(s) of the answer as JSON, and the milliseconds spent in HTTP (parsing excluded).</summary>
    private async Task<(List<JsonElement> Pages, double Ms)> GetAsync(string url, bool allPages, CancellationToken ct)
    {
        List<JsonElement> pages = [];
        var ms = 0.0;
        for (var next = url; next is not null;)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(new Uri(next, UriKind.RelativeOrAbsolute), ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            ms += watch.Elapsed.TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                throw new ServiceRefusedException($"GET {next} answered {(int)response.StatusCode} after {Stats.Ms(watch.Elapsed.TotalMilliseconds)}: {Encoding.UTF8.GetString(body[..Math.Min(body.Length, 600)])}");
            }

            using var document = JsonDocument.Parse(body);
            var page = document.RootElement.Clone();
            pages.Add(page);
            next = allPages && page.ValueKind == JsonValueKind.Object && page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return (pages, ms);
    }

    /// <summary>Null when equal; otherwise where the answers part.</summary>
    private static string? Compare(List<string> service, List<string> sql, bool ordered)
    {
        if (!ordered)
        {
            service = [.. service.Order(StringComparer.Ordinal)];
            sql = [.. sql.Order(StringComparer.Ordinal)];
        }

        for (var i = 0; i < Math.Max(service.Count, sql.Count); i++)
        {
            var a = i < service.Count ? service[i] : "(no row)";
            var b = i < sql.Count ? sql[i] : "(no row)";
            if (a != b)
            {
                return $"{service.Count} rows from the service, {sql.Count} from SQL; row {i + 1} differs:\n    service: {Cut(a)}\n    SQL:     {Cut(b)}";
            }
        }

        return null;
    }

    private static string Cut(string s) => s.Length > 400 ? s[..400] + "…" : s;

    public static HttpClient CreateClient(Uri address, string token) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 512 })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromMinutes(5),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };
}
