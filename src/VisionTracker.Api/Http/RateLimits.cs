using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using VisionTracker.Api.Errors;
using VisionTracker.Api.Reporting;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;

namespace VisionTracker.Api.Http;

/// <summary>
/// How much one caller may ask for (section <c>RateLimits</c>). Counted in this process's memory, so behind a load
/// balancer each instance allows this much (see docs/security.md); a window is a fixed minute (failures: a fixed
/// <see cref="FailureWindowMinutes"/>).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests per minute with one token (a Power BI refresh pages through the feed well within this).</summary>
    public int PerTokenPerMinute { get; set; } = 1200;

    /// <summary>Requests per minute without a token, per client address (the sign-in page, the pages' files, the API description).</summary>
    public int PerAddressPerMinute { get; set; } = 1200;

    /// <summary>Writes (POST, PUT, PATCH, DELETE under /api) per minute per person, whichever token they use: no check-in floods.</summary>
    public int WritesPerPersonPerMinute { get; set; } = 120;

    /// <summary>Failed authentications (a token that is wrong, expired or revoked) per client address per window; then 429 until the window ends.</summary>
    public int FailedAuthenticationsPerAddress { get; set; } = 20;

    public int FailureWindowMinutes { get; set; } = 5;
}

/// <summary>
/// ASP.NET Core's rate limiter on every request: per token, per client address for requests without one, writes per
/// person; and failed authentications throttled per address before the token is even looked up. A refusal is 429 with
/// <c>Retry-After</c> and a problem body (an OData error under /odata).
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddSingleton(options);
        services.AddSingleton(new FailedAuthentications(options));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => CallerOf(http) is { } token
                    ? Window($"token:{token}", options.PerTokenPerMinute)
                    : Window($"address:{AddressOf(http)}", options.PerAddressPerMinute)),
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsWrite(http) && PersonOf(http) is { } person
                    ? Window($"writes:{person}", options.WritesPerPersonPerMinute)
                    : RateLimitPartition.GetNoLimiter("reads")));
            o.OnRejected = (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                return new ValueTask(RefuseAsync(context.HttpContext, retryAfter, IsWrite(context.HttpContext)
                    ? new ErrorPart(nameof(ErrorTexts.RateLimitWrites), options.WritesPerPersonPerMinute, options.PerTokenPerMinute)
                    : new ErrorPart(nameof(ErrorTexts.RateLimitReads), options.PerTokenPerMinute, options.PerAddressPerMinute)));
            };
        });
        return services;
    }

    /// <summary>
    /// Before authentication: an address that failed too often (a wrong token in the Authorization header or on the
    /// sign-in page) is refused without looking its token up.
    /// </summary>
    public static IApplicationBuilder UseFailedAuthenticationThrottle(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var failures = http.RequestServices.GetRequiredService<FailedAuthentications>();
        var options = http.RequestServices.GetRequiredService<RateLimitOptions>();
        var signInForm = HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Equals("/sign-in", StringComparison.OrdinalIgnoreCase);
        if (!options.Enabled || !(signInForm || http.Request.Headers.Authorization.Count > 0))
        {
            await next(http);
            return;
        }

        var address = AddressOf(http);
        if (failures.IsBlocked(address))
        {
            await RefuseAsync(http, TimeSpan.FromMinutes(options.FailureWindowMinutes),
                new ErrorPart(nameof(ErrorTexts.RateLimitSignIns), options.FailedAuthenticationsPerAddress, options.FailureWindowMinutes));
            return;
        }

        await next(http);
        // A wrong token is a 401 to the API and the feed, a 400 (the form again, with the error) to the sign-in page.
        if (http.Response.StatusCode == (signInForm ? StatusCodes.Status400BadRequest : StatusCodes.Status401Unauthorized))
        {
            failures.Count(address);
        }
    });

    /// <summary>After authentication, so that a token's requests are counted as the token's.</summary>
    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<RateLimitOptions>().Enabled ? app.UseRateLimiter() : app;

    private static RateLimitPartition<string> Window(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    /// <summary>The token, or for single sign-on (no token) the person.</summary>
    private static string? CallerOf(HttpContext http) =>
        http.User.FindFirst(TokenHolder.TokenClaim)?.Value ?? (PersonOf(http) is { } person ? $"person:{person}" : null);

    private static string? PersonOf(HttpContext http) => http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;

    private static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString();

    private static bool IsWrite(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api")
        && (HttpMethods.IsPost(http.Request.Method) || HttpMethods.IsPut(http.Request.Method) || HttpMethods.IsPatch(http.Request.Method) || HttpMethods.IsDelete(http.Request.Method));

    private static async Task RefuseAsync(HttpContext http, TimeSpan retryAfter, ErrorPart reason)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (ODataErrors.IsODataRequest(http))
        {
            await ODataErrors.WriteAsync(http, StatusCodes.Status429TooManyRequests, "TooManyRequests", nameof(ErrorTexts.TryAgainIn), [reason, seconds]);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = Problems.WithCode(await Problems.CreateAsync(http, 429, nameof(ErrorTexts.TryAgainIn), reason, seconds), reason.Code),
        });
    }
}

/// <summary>Failed authentications per client address in fixed windows; an address past the limit is blocked until its window ends.</summary>
public sealed class FailedAuthentications(RateLimitOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.FailedAuthenticationsPerAddress),
            Window = TimeSpan.FromMinutes(options.FailureWindowMinutes),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public bool IsBlocked(string address) => failures.GetStatistics(address)?.CurrentAvailablePermits == 0;

    public void Count(string address)
    {
        using var lease = failures.AttemptAcquire(address);
    }

    public void Dispose() => failures.Dispose();
}
