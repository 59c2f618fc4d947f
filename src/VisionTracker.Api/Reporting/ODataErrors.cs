using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using VisionTracker.Api.Errors;

namespace VisionTracker.Api.Reporting;

/// <summary>
/// OData error bodies ({"error":{"code","message"}}, OData JSON format 4.0 §21), written by us so that no library
/// detail (inner errors, stack traces) reaches a client in any environment.
/// </summary>
public static class ODataErrors
{
    public static bool IsODataRequest(HttpContext context) => context.Request.Path.StartsWithSegments(ReportingRegistration.RoutePrefix);

    public static ContentResult Result(int status, string code, string message) => new()
    {
        StatusCode = status,
        ContentType = "application/json; odata.metadata=minimal",
        Content = Body(code, message),
    };

    public static Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; odata.metadata=minimal";
        context.Response.Headers["OData-Version"] = "4.0";
        return context.Response.WriteAsync(Body(code, message));
    }

    /// <summary>The error for a status the pipeline produced without a body (no such set, wrong method, no token).</summary>
    public static Task WriteStatusAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var (code, message) = status switch
        {
            401 => ("Unauthorized", "Sign in with a personal API token: 'Authorization: Bearer <token>', or HTTP Basic with the token as the password."),
            403 => ("Forbidden", "Your token does not allow this."),
            404 => ("NotFound", $"'{context.Request.Path}' names no entity set, entity or function of this service; see {ReportingRegistration.RoutePrefix}/$metadata."),
            405 => ("MethodNotAllowed", "The OData feed is read-only: only GET is supported."),
            406 => ("NotAcceptable", "The requested format is not supported; ask for application/json (or application/xml for $metadata)."),
            _ => ("Error", $"The request failed with status {status}."),
        };
        return WriteAsync(context, status, code, message);
    }

    /// <summary>
    /// The status code page of the whole service: an OData error under /odata, elsewhere the problem details the
    /// default status code page writes.
    /// </summary>
    public static async Task StatusCodePageAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (IsODataRequest(http))
        {
            await WriteStatusAsync(http);
            return;
        }

        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = new ProblemDetails { Status = http.Response.StatusCode } });
    }

    private static string Body(string code, string message) =>
        JsonSerializer.Serialize(new { error = new { code, message = ErrorText.Scrub(message) } });
}
