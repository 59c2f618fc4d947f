using Microsoft.AspNetCore.Mvc;
using VisionTracker.Api.Errors;
using VisionTracker.Api.Reporting;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;

namespace VisionTracker.Api.Auth;

/// <summary>
/// A read-only token (for reporting: Excel, Power BI) reads and never writes: anything but GET, HEAD or OPTIONS made
/// with one is refused with 403 before it reaches an endpoint, whatever the holder's roles would allow.
/// </summary>
public static class ReadOnlyTokens
{
    public static IApplicationBuilder UseReadOnlyTokens(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var method = http.Request.Method;
        if (!TokenHolder.IsReadOnly(http.User) || HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
        {
            await next(http);
            return;
        }

        if (ODataErrors.IsODataRequest(http))
        {
            await ODataErrors.WriteAsync(http, StatusCodes.Status403Forbidden, "ReadOnlyToken", nameof(ErrorTexts.ReadOnlyToken), []);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = await Problems.CreateAsync(http, StatusCodes.Status403Forbidden, nameof(ErrorTexts.ReadOnlyToken)),
        });
    });
}
