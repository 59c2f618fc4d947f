using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VisionTracker.Application.Security;

namespace VisionTracker.Web.Auth;

/// <summary>
/// Signing in to the pages with the organisation's identity provider (OpenID Connect, authorization code with PKCE),
/// when Sso:Authority and Sso:ClientId are set. The provider's answer is checked (state, nonce, signature, issuer,
/// audience, expiry) by ASP.NET Core's handler; the person is then found by the configured claim and gets the same
/// browser session as with a token. Someone the provider knows but VisionTracker does not is shown a 403 page.
/// </summary>
public static class SingleSignOn
{
    public const string Scheme = "Sso";
    public const string StartPath = "/sign-in/sso";
    public const string UnknownPath = "/sign-in/unknown";
    public const string FailedPath = "/sign-in?sso=failed";
    private static readonly string[] Scopes = ["openid", "profile", "email"];

    public static void Add(AuthenticationBuilder authentication, SingleSignOnOptions sso) =>
        authentication.AddOpenIdConnect(Scheme, sso.DisplayName, o =>
        {
            o.Authority = sso.Authority;
            o.ClientId = sso.ClientId;
            o.ClientSecret = sso.ClientSecret;
            o.RequireHttpsMetadata = sso.RequireHttpsMetadata;
            o.ResponseType = "code";
            o.UsePkce = true;
            o.SignInScheme = WebSession.Scheme;
            o.CallbackPath = "/signin-oidc";
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.Scope.Clear();
            foreach (var scope in Scopes)
            {
                o.Scope.Add(scope);
            }

            o.Events = new OpenIdConnectEvents { OnTokenValidated = MatchPersonAsync, OnRemoteFailure = FailedAsync };
        });

    public static IEndpointRouteBuilder MapSingleSignOn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(StartPath, (HttpContext http, IOptions<SingleSignOnOptions> options, string? returnUrl) =>
                options.Value.PagesEnabled
                    ? Results.Challenge(new AuthenticationProperties { RedirectUri = WebApp.LocalPath(returnUrl) }, [Scheme])
                    : Results.NotFound())
            .AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task MatchPersonAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var query = services.GetRequiredService<IOptions<SingleSignOnOptions>>().Value.PersonQuery(context.Principal);
        var holder = query is null ? null : await services.GetRequiredService<ISender>().Send(query, context.HttpContext.RequestAborted);
        if (holder is null)
        {
            context.Response.Redirect(UnknownPath);
            context.HandleResponse();
            return;
        }

        context.Principal = WebSession.Ticket(holder);
        WebApp.WriteCultureCookie(context.Response, holder.Culture);
    }

    private static Task FailedAsync(RemoteFailureContext context)
    {
        context.Response.Redirect(FailedPath);
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
