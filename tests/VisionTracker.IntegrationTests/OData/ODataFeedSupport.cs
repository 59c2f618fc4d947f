using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Infrastructure.Jobs;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.OData;

/// <summary>Reading the OData feed in tests: one response, every page of a set, and the shape of an OData error.</summary>
public static class ODataFeed
{
    /// <summary>The longest walk over @odata.nextLink a test accepts; a feed that links back to itself fails instead of hanging.</summary>
    private const int MaxPages = 500;

    /// <summary>GET a feed URL (relative to the host, e.g. "/odata/Goals?$top=3") and return its JSON body, asserting 200.</summary>
    public static async Task<JsonObject> GetFeedAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>The "value" array of one response (one page).</summary>
    public static async Task<JsonArray> GetRowsAsync(this HttpClient client, string url) =>
        (await client.GetFeedAsync(url))["value"]!.AsArray();

    /// <summary>Reads a set to its end by following @odata.nextLink; remembers each page's size and the first @odata.count.</summary>
    public static async Task<FeedWalk> WalkAsync(this HttpClient client, string url)
    {
        var rows = new List<JsonNode>();
        var pageSizes = new List<int>();
        var links = new List<string>();
        long? count = null;
        string? next = url;
        while (next is not null)
        {
            pageSizes.Count.ShouldBeLessThan(MaxPages, $"{url} still links to another page after {MaxPages} pages");
            var page = await client.GetFeedAsync(next);
            if (page["@odata.count"] is { } c && count is null)
            {
                count = c.GetValue<long>();
            }

            var value = page["value"]!.AsArray();
            pageSizes.Add(value.Count);
            rows.AddRange(value.Select(r => r!.DeepClone()));
            next = page["@odata.nextLink"]?.GetValue<string>();
            if (next is not null)
            {
                links.Add(next);
            }
        }

        return new FeedWalk(rows, pageSizes, links, count);
    }

    /// <summary>GET {set}/$count: the plain-text number.</summary>
    public static async Task<long> GetCountAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url}: {body}");
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/plain", $"GET {url}");
        return long.Parse(body.Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Asserts the status and that the body is an OData error ({"error":{"code","message"}}) that gives away no server
    /// internals (no stack trace, no inner error). Returns the error object.
    /// </summary>
    public static async Task<JsonObject> ShouldBeODataErrorAsync(this HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, $"{what}: {body}");
        body.ShouldNotContain("stacktrace", Case.Insensitive, $"{what}: {body}");
        body.ShouldNotContain("innererror", Case.Insensitive, $"{what}: {body}");
        body.ShouldNotContain("   at ", Case.Sensitive, $"{what}: {body}");
        JsonNode? parsed = null;
        Should.NotThrow(() => parsed = JsonNode.Parse(body), $"{what}: the body is not JSON: {body}");
        var error = parsed?["error"] as JsonObject;
        error.ShouldNotBeNull($"{what}: no \"error\" object in {body}");
        error["code"]?.GetValue<string>().ShouldNotBeNullOrWhiteSpace($"{what}: {body}");
        error["message"]?.GetValue<string>().ShouldNotBeNullOrWhiteSpace($"{what}: {body}");
        error.ContainsKey("message").ShouldBeTrue($"{what}: {body}");
        return error;
    }

    public static Guid GuidAt(this JsonNode row, string property = "Id") => row[property]!.GetValue<Guid>();

    public static Guid? NullableGuid(this JsonNode row, string property) =>
        row[property] is { } value ? value.GetValue<Guid>() : null;

    public static double? NullableDouble(this JsonNode row, string property) =>
        row[property] is { } value ? value.GetValue<double>() : null;

    public static List<Guid> Ids(this IEnumerable<JsonNode?> rows, string property = "Id") =>
        rows.Select(r => r!.GuidAt(property)).ToList();

    /// <summary>The properties of a row, without the @odata annotations.</summary>
    public static List<string> PropertyNames(this JsonNode row) =>
        row.AsObject().Select(p => p.Key).Where(k => !k.Contains('@', StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    /// <summary>A client that sends the token as the password of HTTP Basic (what Excel and Power BI send).</summary>
    public static HttpClient WithBasicAuth(this VisionTrackerFactory factory, string userName, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{token}")));
        return client;
    }

    /// <summary>Runs the nightly figures job now (every period: recompute, then today's snapshots, today by the fake clock).</summary>
    public static Task RunNightlyFiguresAsync(this VisionTrackerFactory factory) =>
        factory.Services.GetRequiredService<RecurringJobRunner>().RunAsync(FiguresNightlyJob.JobId, CancellationToken.None);

    /// <summary>An OData literal of a date (yyyy-MM-dd).</summary>
    public static string Literal(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Asserts a set read today and its AsOf function for today hold the same rows (by Id) with the same columns and values
    /// (figures within the tolerance, everything else exactly).
    /// </summary>
    public static void ShouldBeTheReplayOfToday(this IReadOnlyList<JsonNode> today, IReadOnlyList<JsonNode> replayed, double tolerance, string set)
    {
        var stored = today.ToDictionary(r => r.GuidAt());
        var asOf = replayed.ToDictionary(r => r.GuidAt());
        stored.Keys.ShouldBe(asOf.Keys, ignoreOrder: true, set);
        foreach (var (id, row) in stored)
        {
            var what = $"{set}({id}): {row.ToJsonString()} vs {asOf[id].ToJsonString()}";
            row.PropertyNames().ShouldBe(asOf[id].PropertyNames(), what);
            foreach (var name in row.PropertyNames())
            {
                if (name is "Progress" or "Confidence" or "ExpectedProgress")
                {
                    row.NullableDouble(name).ShouldBeCloseTo(asOf[id].NullableDouble(name), tolerance, $"{name}: {what}");
                }
                else
                {
                    JsonNode.DeepEquals(row[name], asOf[id][name]).ShouldBeTrue($"{name}: {what}");
                }
            }
        }
    }

    /// <summary>Asserts two optional doubles are both null or equal within the tolerance.</summary>
    public static void ShouldBeCloseTo(this double? actual, double? expected, double tolerance, string what)
    {
        if (expected is null)
        {
            actual.ShouldBeNull(what);
            return;
        }

        actual.ShouldNotBeNull(what);
        actual.Value.ShouldBe(expected.Value, tolerance, what);
    }
}

/// <summary>Every row of a walk over @odata.nextLink, the page sizes, the links followed and the first page's @odata.count.</summary>
public sealed record FeedWalk(IReadOnlyList<JsonNode> Rows, IReadOnlyList<int> PageSizes, IReadOnlyList<string> Links, long? Count);

/// <summary>One host with the Aarhus demo data for a whole test class (seeding takes a few seconds).</summary>
public sealed class DemoFeedFixture : IAsyncLifetime
{
    public VisionTrackerFactory Factory { get; } = new() { SeedDemoData = true };

    public Task InitializeAsync() => Factory.InitializeAsync();

    public Task DisposeAsync() => Factory.DisposeAsync();
}

/// <summary>The Aarhus demo behind a feed with tiny pages (OData:PageSize = 7), so that every set needs many pages.</summary>
public sealed class SmallPagesFeedFixture : IAsyncLifetime
{
    public const int PageSize = 7;

    public SmallPagesFeedFixture() =>
        Factory.Settings["OData:PageSize"] = PageSize.ToString(CultureInfo.InvariantCulture);

    public VisionTrackerFactory Factory { get; } = new() { SeedDemoData = true };

    public Task InitializeAsync() => Factory.InitializeAsync();

    public Task DisposeAsync() => Factory.DisposeAsync();
}
