using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using VisionTracker.Api.Errors;
using VisionTracker.Api.Reporting;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Common;

namespace VisionTracker.Api.Http;

/// <summary>
/// A time limit on every read (GET under /api and /odata): past <c>Limits:ReadTimeoutSeconds</c> (the feed:
/// <c>OData:QueryTimeoutSeconds</c>) the request is cancelled, its running statement with it in the database
/// (<see cref="ReadLimits.Deadline"/>), and the answer says so: a feed query is the client's to narrow (400), a REST read
/// met a busy service (503 with Retry-After).
/// </summary>
public static class ReadTimeLimits
{
    public static IApplicationBuilder UseReadTimeLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var odata = ODataErrors.IsODataRequest(http);
        var seconds = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) ? 0
            : odata ? http.RequestServices.GetRequiredService<IOptions<ReportingOptions>>().Value.QueryTimeoutSeconds
            : http.Request.Path.StartsWithSegments("/api") ? http.RequestServices.GetRequiredService<IConfiguration>().GetValue("Limits:ReadTimeoutSeconds", 30.0)
            : 0;
        if (seconds <= 0)
        {
            await next(http);
            return;
        }

        var limit = seconds.ToString("0.###", CultureInfo.InvariantCulture);
        var aborted = http.RequestAborted;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        // A limit below the timer's one-millisecond resolution has run out before the read begins.
        var time = TimeSpan.FromSeconds(seconds);
        if (time < TimeSpan.FromMilliseconds(1))
        {
            deadline.Cancel();
        }
        else
        {
            deadline.CancelAfter(time);
        }

        http.RequestAborted = deadline.Token;
        http.RequestServices.GetRequiredService<ReadLimits>().Deadline = deadline.Token;
        try
        {
            await next(http);
        }
        catch (Exception) when (deadline.IsCancellationRequested && !aborted.IsCancellationRequested && !http.Response.HasStarted)
        {
            http.RequestAborted = aborted;
            http.Response.Clear();
            if (odata)
            {
                await ODataErrors.WriteAsync(http, 400, "QueryTimeout", nameof(ErrorTexts.ODataQueryTimeout), [limit]);
                return;
            }

            http.Response.StatusCode = 503;
            http.Response.Headers.RetryAfter = "5";
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = await Problems.CreateAsync(http, 503, nameof(ErrorTexts.ReadTooLong), limit),
            });
        }
        finally
        {
            http.RequestAborted = aborted;
        }
    });
}
