using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace VisionTracker.IntegrationTests.Security;

/// <summary>
/// A real OpenID Connect server for the single sign-on tests (OpenIddict on Kestrel, on a free port, with its own RSA
/// signing key): discovery, keys, the authorization endpoint (authorization code with PKCE required) with a login
/// that names the user in a 'login' parameter, and the token endpoint (codes, and client credentials for API clients).
/// </summary>
public sealed class OidcTestServer : IAsyncDisposable
{
    public const string WebClientId = "visiontracker-web";
    public const string WebClientSecret = "web-client-secret-for-tests";
    public const string ApiAudience = "api://visiontracker";

    private readonly WebApplication app;

    private OidcTestServer(WebApplication app, RsaSecurityKey key) => (this.app, SigningKey) = (app, key);

    public RsaSecurityKey SigningKey { get; }

    public string Issuer { get; private set; } = "";

    /// <summary>Users who can log in at the authorization endpoint, and API clients (client id → secret and object id).</summary>
    public Dictionary<string, (string ObjectId, string Email)> Users { get; } = [];

    public Dictionary<string, (string Secret, string ObjectId)> ApiClients { get; } = [];

    public static async Task<OidcTestServer> StartAsync()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-signing-key" };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        OidcTestServer? server = null;
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowClientCredentialsFlow();
            o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, "api");
            o.AddSigningKey(key).AddEphemeralEncryptionKey().DisableAccessTokenEncryption();
            o.EnableDegradedMode();
            o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            o.AddEventHandler<ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != WebClientId || context.RedirectUri?.EndsWith("/signin-oidc", StringComparison.Ordinal) != true)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client or redirect address.");
                }

                return default;
            }));
            o.AddEventHandler<ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
            {
                var known = context.ClientId == WebClientId
                    ? context.ClientSecret == WebClientSecret
                    : server!.ApiClients.TryGetValue(context.ClientId ?? "", out var client) && client.Secret == context.ClientSecret;
                if (!known)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client or wrong secret.");
                }

                return default;
            }));
            o.AddEventHandler<HandleTokenRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.Request.IsClientCredentialsGrantType())
                {
                    var objectId = server!.ApiClients[context.ClientId!].ObjectId;
                    context.SignIn(Principal(objectId, null, context.Request.GetScopes()));
                }

                return default;
            }));
        });
        var app = builder.Build();
        server = new OidcTestServer(app, key);
        app.MapMethods("/connect/authorize", ["GET", "POST"], (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            var login = (string?)request["login"];
            if (login is null || !server.Users.TryGetValue(login, out var user))
            {
                return Results.Content("<!doctype html><title>Log in</title><form method=get>"
                    + string.Concat(http.Request.Query.Select(q => $"<input type=hidden name=\"{WebUtility.HtmlEncode(q.Key)}\" value=\"{WebUtility.HtmlEncode(q.Value)}\">"))
                    + "<label>User <input name=login id=login></label><button type=submit>Log in</button></form>", "text/html");
            }

            return Results.SignIn(Principal(user.ObjectId, user.Email, request.GetScopes()), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Issuer = address.TrimEnd('/') + "/";
        return server;
    }

    /// <summary>A token signed with this server's key (or <paramref name="key"/>) with the claims given, for the refusal cases.</summary>
    public string Mint(string? issuer = null, string audience = ApiAudience, DateTime? expires = null, SecurityKey? key = null, string? objectId = "oid-unknown")
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            IssuedAt = now.AddMinutes(-10),
            NotBefore = now.AddMinutes(-10),
            Expires = expires ?? now.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = objectId ?? "x", ["oid"] = objectId ?? "x" },
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static ClaimsPrincipal Principal(string objectId, string? email, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, objectId).SetClaim("oid", objectId);
        if (email is not null)
        {
            identity.SetClaim(Claims.Email, email);
        }

        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes).SetResources(ApiAudience);
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return principal;
    }
}
