using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using VisionTracker.Api.Errors;
using VisionTracker.Domain.Common;

namespace VisionTracker.Api.Http;

/// <summary>
/// Cross-site request forgery cannot reach the API: a browser that remembers a person's Basic credentials would send
/// them with a form posted from another site. So a request that changes data (POST, PUT, PATCH, DELETE under /api)
/// must come from the service's own origin or a configured CORS origin when it names one (Origin, Sec-Fetch-Site), and
/// its body, if any, must be JSON in UTF-8 — which no HTML form can send.
/// </summary>
public static class WriteRequestGuard
{
    public static IApplicationBuilder UseWriteRequestGuard(this IApplicationBuilder app) =>
        app.UseWhen(IsApiWrite, guarded => guarded.Use(async (http, next) =>
        {
            var refusal = CrossSite(http) ?? UnsupportedBody(http.Request);
            if (refusal is null)
            {
                await next(http);
                return;
            }

            var (status, code, arguments) = refusal.Value;
            http.Response.StatusCode = status;
            var problem = await Problems.CreateAsync(http, status, code, arguments);
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
        }));

    private static bool IsApiWrite(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api")
        && !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method) || HttpMethods.IsTrace(http.Request.Method));

    private static (int Status, string Code, object?[] Arguments)? CrossSite(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            var own = http.RequestServices.GetRequiredService<PublicAddress>().Origin;
            var allowed = http.RequestServices.GetRequiredService<IOptions<HttpSecurityOptions>>().Value.CorsOrigins;
            return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) || allowed.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase)
                ? null
                : (403, nameof(ErrorTexts.CrossSiteOrigin), [origin]);
        }

        var site = http.Request.Headers["Sec-Fetch-Site"].ToString();
        return site is "cross-site" or "same-site"
            ? (403, nameof(ErrorTexts.CrossSiteBrowser), [])
            : null;
    }

    private static (int Status, string Code, object?[] Arguments)? UnsupportedBody(HttpRequest request)
    {
        var contentType = request.ContentType;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
            return hasBody ? (415, nameof(ErrorTexts.BodyNotJson), []) : null;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !(media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            return (415, nameof(ErrorTexts.BodyWrongMediaType), [contentType]);
        }

        if (!media.Parameters.Any(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var charset = media.Charset.ToString().Trim('"');
        if (!(charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)))
        {
            return (415, nameof(ErrorTexts.BodyNotUtf8), [charset]);
        }

        // The JSON reader looks the raw parameter up as an encoding name, and knows neither '"utf-8"' nor 'utf8'.
        request.ContentType = $"{media.MediaType}; charset=utf-8";
        return null;
    }
}
