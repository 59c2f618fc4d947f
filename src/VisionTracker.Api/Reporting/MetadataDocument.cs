using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;

namespace VisionTracker.Api.Reporting;

/// <summary>
/// Two corrections to GET /odata/$metadata that the OData library leaves open:
/// <list type="bullet">
/// <item>CSDL JSON is also what a client gets that accepts only JSON (Accept: application/json), or that names JSON
/// with parameters in $format; a client that accepts XML at all (Excel, Power BI) still gets CSDL XML.</item>
/// <item>Microsoft.OData.Edm 8.4 writes "$Kind": "FunctionImport" on function imports in CSDL JSON, which CSDL JSON
/// does not define and its own reader refuses (a function import is known by its "$Function" member): it is removed.</item>
/// </list>
/// </summary>
public static class MetadataDocument
{
    public static async Task RewriteAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || !request.Path.Equals($"{ReportingRegistration.RoutePrefix}/$metadata", StringComparison.OrdinalIgnoreCase)
            || !WantsJson(request))
        {
            await next(context);
            return;
        }

        var query = request.Query.Where(q => !q.Key.Equals("$format", StringComparison.OrdinalIgnoreCase))
            .Append(new KeyValuePair<string, StringValues>("$format", "application/json"));
        request.QueryString = QueryString.Create(query);

        var body = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }

        buffer.Position = 0;
        if (context.Response.StatusCode == StatusCodes.Status200OK && JsonNode.Parse(buffer) is JsonObject document)
        {
            RemoveFunctionImportKinds(document);
            context.Response.ContentLength = null;
            await context.Response.WriteAsync(document.ToJsonString(), context.RequestAborted);
            return;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(body, context.RequestAborted);
    }

    private static bool WantsJson(HttpRequest request)
    {
        var format = request.Query["$format"].ToString();
        if (format.Length > 0)
        {
            return ODataQueryGuard.IsJson(format);
        }

        var accept = request.Headers.Accept.ToString();
        return accept.Contains("json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("xml", StringComparison.OrdinalIgnoreCase);
    }

    private static void RemoveFunctionImportKinds(JsonObject document)
    {
        foreach (var schema in document.Select(p => p.Value).OfType<JsonObject>())
        {
            foreach (var container in schema.Select(p => p.Value).OfType<JsonObject>()
                .Where(o => o["$Kind"]?.GetValue<string>() == "EntityContainer"))
            {
                foreach (var member in container.Select(p => p.Value).OfType<JsonObject>().Where(m => m.ContainsKey("$Function")))
                {
                    member.Remove("$Kind");
                }
            }
        }
    }
}
