using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using VisionTracker.Application.Common;

namespace VisionTracker.Api.Http;

/// <summary>
/// Where clients reach the service: <c>App:PublicBaseUrl</c>, or, when that is not set, the address the server listens
/// on (with a wildcard host read as localhost). Never the request's Host header, which the client chooses.
/// </summary>
public sealed class PublicAddress(IOptions<PublicLinkOptions> links, IServer server)
{
    private Uri? baseUrl;

    /// <summary>The configured public base URL; null when it is not set.</summary>
    public Uri? Configured { get; } = Uri.TryCreate(links.Value.PublicBaseUrl?.Trim(), UriKind.Absolute, out var configured) ? configured : null;

    public Uri BaseUrl => baseUrl ??= Configured ?? Listening();

    /// <summary>scheme://host[:port] of <see cref="BaseUrl"/>, as browsers send it in an Origin header.</summary>
    public string Origin => BaseUrl.GetLeftPart(UriPartial.Authority);

    private Uri Listening()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return new Uri("http://localhost/");
        }

        var wildcard = address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
        return Uri.TryCreate(wildcard, UriKind.Absolute, out var uri) ? uri : new Uri("http://localhost/");
    }
}

/// <summary>
/// Makes every link the service writes (OData context and next links, the OpenAPI servers, redirects) start at
/// <see cref="PublicAddress"/>: the host and path base before HTTPS redirection (so a redirect cannot be pointed at
/// another host), the scheme after it (so a plain-HTTP request is still redirected).
/// </summary>
public static class PublicAddressMiddleware
{
    public static IApplicationBuilder UsePublicHost(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var address = http.RequestServices.GetRequiredService<PublicAddress>();
        var url = address.BaseUrl;
        http.Request.Host = url.IsDefaultPort ? new HostString(url.Host) : new HostString(url.Host, url.Port);
        var basePath = new PathString(url.AbsolutePath.TrimEnd('/'));
        if (address.Configured is not null && basePath.HasValue)
        {
            // A proxy may pass the prefix on or strip it; either way the links carry it.
            if (http.Request.Path.StartsWithSegments(basePath, out var rest))
            {
                http.Request.Path = rest;
            }

            http.Request.PathBase = basePath;
        }

        return next(http);
    });

    public static IApplicationBuilder UsePublicScheme(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.RequestServices.GetRequiredService<PublicAddress>().Configured is { } configured)
        {
            http.Request.Scheme = configured.Scheme;
        }

        return next(http);
    });
}
