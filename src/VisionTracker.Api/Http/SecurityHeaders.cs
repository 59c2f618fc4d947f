namespace VisionTracker.Api.Http;

/// <summary>
/// The headers every answer carries: a Content-Security-Policy that allows only the service's own scripts, styles, fonts
/// and images (the web app vendors its files and has no inline scripts or style attributes), no framing, no sniffing,
/// no referrer; and <c>Cache-Control: no-store</c> on what is personal (the API, the feed, signed-in pages).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API reference (Scalar) starts itself with an inline module script and styles itself at run time; it shows no data of its own.</summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The jobs dashboard (Hangfire) sets style attributes from its scripts.</summary>
    public const string DashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly string[] Personal = ["/api", "/odata"];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            var path = http.Request.Path;
            headers.ContentSecurityPolicy = path.StartsWithSegments("/scalar") ? ApiReferencePolicy
                : path.StartsWithSegments("/hangfire") ? DashboardPolicy
                : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            var personal = Personal.Any(p => path.StartsWithSegments(p)) || http.User.Identity?.IsAuthenticated == true;
            if (personal && !headers.ContainsKey("Cache-Control"))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(http);
    });
}
