using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace VisionTracker.Api.Http;

/// <summary>
/// The service behind a reverse proxy and in a browser: forwarded headers only from known proxies, HTTPS redirection
/// and HSTS outside Development, links from the public address, security headers on every answer, CORS closed unless
/// origins are configured, and writes guarded against cross-site forgery.
/// </summary>
public static class TransportSecurity
{
    public const string CorsPolicy = "Configured";

    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(HttpSecurityOptions.Section);
        var options = section.Get<HttpSecurityOptions>() ?? new HttpSecurityOptions();
        services.Configure<HttpSecurityOptions>(section);
        services.AddSingleton<PublicAddress>();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // The Host is never taken from a header: links come from the public address.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in options.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in options.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(options.HstsMaxAgeDays);
            o.IncludeSubDomains = false;
        });
        if (options.CorsOrigins.Count > 0)
        {
            services.AddCors(o => o.AddPolicy(CorsPolicy, p => p
                .WithOrigins([.. options.CorsOrigins.Select(x => x.TrimEnd('/'))])
                .WithMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
                .WithHeaders("Authorization", "Content-Type", "If-Match", "Idempotency-Key", "Accept", "Accept-Language")
                .WithExposedHeaders("ETag", "Location", "Retry-After", "Idempotent-Replayed")));
        }

        return services;
    }

    /// <summary>Before the exception handler: what the network says about the request, then what every answer carries.</summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        var options = app.Configuration.GetSection(HttpSecurityOptions.Section).Get<HttpSecurityOptions>() ?? new HttpSecurityOptions();
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UsePublicHost();
        if (options.HttpsRedirection ?? !app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UsePublicScheme();
        return app;
    }

    /// <summary>After routing: CORS for the configured origins only, and the forgery guard on writes.</summary>
    public static WebApplication UseBrowserRules(this WebApplication app)
    {
        if ((app.Configuration.GetSection(HttpSecurityOptions.Section).Get<HttpSecurityOptions>() ?? new HttpSecurityOptions()).CorsOrigins.Count > 0)
        {
            app.UseCors(CorsPolicy);
        }

        app.UseWriteRequestGuard();
        return app;
    }
}
