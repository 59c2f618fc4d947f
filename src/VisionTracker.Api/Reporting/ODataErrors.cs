using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using VisionTracker.Api.Errors;
using VisionTracker.Domain.Common;
using VisionTracker.Web;

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

    /// <summary>An error whose message is one of ErrorTexts, in the caller's language, as the answer of an action.</summary>
    public static async Task<ContentResult> ResultAsync(HttpContext context, int status, string code, string textCode, params object?[] arguments)
    {
        var culture = await CallerCulture.OfAsync(context);
        context.Response.Headers.ContentLanguage = culture.Name;
        return Result(status, code, ErrorMessage.Format(textCode, culture, arguments));
    }

    /// <summary>An error whose message is one of ErrorTexts, in the caller's language.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string code, string textCode, object?[] arguments)
    {
        var culture = await CallerCulture.OfAsync(context);
        await WriteInAsync(context, status, code, ErrorMessage.Format(textCode, culture, arguments), culture);
    }

    public static Task WriteInAsync(HttpContext context, int status, string code, string message, CultureInfo culture)
    {
        context.Response.Headers.ContentLanguage = culture.Name;
        return WriteAsync(context, status, code, message);
    }

    /// <summary>An error whose message is the OData library's own account of a bad query (English).</summary>
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
        var (code, text, arguments) = status switch
        {
            401 => ("Unauthorized", nameof(ErrorTexts.ODataUnauthorized), []),
            403 => ("Forbidden", nameof(ErrorTexts.ODataForbidden), []),
            404 => ("NotFound", nameof(ErrorTexts.ODataNotFound), [context.Request.Path.ToString(), ReportingRegistration.RoutePrefix]),
            405 => ("MethodNotAllowed", nameof(ErrorTexts.ODataMethodNotAllowed), []),
            406 => ("NotAcceptable", nameof(ErrorTexts.ODataNotAcceptable), []),
            _ => ("Error", nameof(ErrorTexts.ODataStatus), new object?[] { status }),
        };
        return WriteAsync(context, status, code, text, arguments);
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
