using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Abstracts;
using Microsoft.Extensions.Options;

namespace VisionTracker.Api.Reporting;

/// <summary>
/// Rows of $apply in the OData envelope. The library writes them as a bare JSON array (OData/AspNetCoreOData#1144,
/// open in 9.5.0), which OData clients cannot read; the rows themselves serialize correctly with its JSON converters.
/// </summary>
public static class AggregatedRows
{
    public static ContentResult Result(HttpContext http, IODataFeature feature, IList page)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.JsonSerializerOptions;
        var root = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{ReportingRegistration.RoutePrefix}";
        var body = new JsonObject { ["@odata.context"] = $"{root}/$metadata#{feature.Path.FirstSegment?.Identifier}" };
        if (feature.TotalCount is { } total)
        {
            body["@odata.count"] = total;
        }

        body["value"] = JsonSerializer.SerializeToNode(page, json);
        if (feature.NextLink is { } next)
        {
            body["@odata.nextLink"] = next.AbsoluteUri;
        }

        http.Response.Headers["OData-Version"] = "4.0";
        return new ContentResult { StatusCode = 200, ContentType = "application/json; odata.metadata=minimal", Content = body.ToJsonString() };
    }
}
