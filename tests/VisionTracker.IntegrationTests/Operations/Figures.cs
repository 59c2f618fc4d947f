using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Operations;

/// <summary>What an installation's figures look like through the API: per period, the whole organisation's overview and its goals' progress.</summary>
public static class Figures
{
    public static async Task<string> ReadAsync(VisionTrackerFactory service)
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
        return figures.ToJsonString();
    }
}
