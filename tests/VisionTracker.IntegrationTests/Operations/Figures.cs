using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Operations;

/// <summary>What an installation's figures look like through the API: per period, the whole organisation's overview and its goals' progress.</summary>
public static class Figures
{
    public static async Task<JsonObject> ReadAsync(VisionTrackerFactory service)
    {
        var figures = new JsonObject();
        foreach (var period in (await service.Admin.GetFromJsonAsync<JsonArray>("/api/periods"))!)
        {
            var id = period!["id"]!.GetValue<Guid>();
            figures[id.ToString()] = new JsonObject
            {
                ["overview"] = await service.Admin.GetFromJsonAsync<JsonNode>($"/api/org-units/{service.RootUnitId}/overview?periodId={id}"),
                ["goals"] = await service.Admin.GetFromJsonAsync<JsonNode>($"/api/org-units/{service.RootUnitId}/goals?periodId={id}"),
            };
        }

        figures.Count.ShouldBeGreaterThan(0, "periods with figures");
        return figures;
    }

    private static IEnumerable<JsonNode?> Sorted(JsonArray items) => items.OrderBy(i => i?.ToJsonString(), StringComparer.Ordinal);

    /// <summary>The JSON paths where two readings differ, with both values.</summary>
    public static List<string> Differences(JsonNode? expected, JsonNode? actual, string path = "")
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                return [.. e.Select(p => p.Key).Union(a.Select(p => p.Key)).SelectMany(k => Differences(e[k], a[k], $"{path}/{k}"))];
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                // Lists tied on their sort key come in either order from SQLite and PostgreSQL: compare them as sets.
                return [.. Sorted(e).Zip(Sorted(a)).SelectMany((p, i) => Differences(p.First, p.Second, $"{path}[{i}]"))];
            default:
                return JsonNode.DeepEquals(expected, actual) ? [] : [$"{path}: {expected?.ToJsonString()} ≠ {actual?.ToJsonString()}"];
        }
    }
}
