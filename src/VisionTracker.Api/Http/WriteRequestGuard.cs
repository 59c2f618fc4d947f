using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

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

            http.Response.StatusCode = refusal.Status!.Value;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = refusal });
        }));

    private static bool IsApiWrite(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api")
        && !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method) || HttpMethods.IsTrace(http.Request.Method));

    private static ProblemDetails? CrossSite(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            var own = http.RequestServices.GetRequiredService<PublicAddress>().Origin;
            var allowed = http.RequestServices.GetRequiredService<IOptions<HttpSecurityOptions>>().Value.CorsOrigins;
            return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) || allowed.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase)
                ? null
                : Forbidden($"A request that changes data must come from this service's own pages or an origin named in Http:CorsOrigins; this one came from '{origin}'.");
        }

        var site = http.Request.Headers["Sec-Fetch-Site"].ToString();
        return site is "cross-site" or "same-site"
            ? Forbidden("A request that changes data must come from this service's own pages; the browser says this one came from another site.")
            : null;
    }

    private static ProblemDetails? UnsupportedBody(HttpRequest request)
    {
        var contentType = request.ContentType;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
            return hasBody ? Unsupported("A request body must be JSON, sent with 'Content-Type: application/json'.") : null;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !(media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            return Unsupported($"A request that changes data accepts only JSON ('Content-Type: application/json'); got '{contentType}'.");
        }

        if (!media.Parameters.Any(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var charset = media.Charset.ToString().Trim('"');
        if (!(charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)))
        {
            return Unsupported($"JSON must be sent in UTF-8; got charset '{charset}'.");
        }

        // The JSON reader looks the raw parameter up as an encoding name, and knows neither '"utf-8"' nor 'utf8'.
        request.ContentType = $"{media.MediaType}; charset=utf-8";
        return null;
    }

    private static ProblemDetails Forbidden(string detail) => new() { Status = 403, Title = "Cross-site request refused.", Detail = detail };

    private static ProblemDetails Unsupported(string detail) => new() { Status = 415, Title = "Unsupported media type.", Detail = detail };
}
