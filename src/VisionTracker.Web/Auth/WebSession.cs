using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Application.Security;

namespace VisionTracker.Web.Auth;

/// <summary>
/// The browser session of the pages: a cookie scheme of its own, used only by the web app's endpoints. The cookie
/// carries a protected ticket naming the person and the token the session was started with, never the token; every
/// request checks that token is still valid and reads the person's roles afresh. A session started by single sign-on
/// names the person only, and ends when they are deactivated.
/// </summary>
public static class WebSession
{
    public const string Scheme = "WebSession";
    public const string Policy = "WebApp";
    public const string CookieName = "vt_session";
    private const string SingleSignOnClaim = "vt:sso";

    public static ClaimsPrincipal Ticket(TokenHolder holder) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, holder.PersonId.ToString()),
                holder.TokenId is { } tokenId ? new Claim(TokenHolder.TokenClaim, tokenId.ToString()) : new Claim(SingleSignOnClaim, "true"),
            ],
            Scheme));

    public static void Configure(CookieAuthenticationOptions options, bool secureCookies)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.LoginPath = "/sign-in";
        options.LogoutPath = "/sign-out";
        options.ReturnUrlParameter = "returnUrl";
        options.Events.OnValidatePrincipal = ValidateAsync;
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var services = context.HttpContext.RequestServices;
        var sender = services.GetRequiredService<ISender>();
        var aborted = context.HttpContext.RequestAborted;
        TokenHolder? holder = null;
        if (Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var personId))
        {
            if (Guid.TryParse(principal?.FindFirstValue(TokenHolder.TokenClaim), out var tokenId))
            {
                holder = await sender.Send(GetTokenHolderQuery.BySession(personId, tokenId), aborted);
                await services.GetRequiredService<TokenUsage>().NoteAsync(holder?.TokenId, sender, aborted);
            }
            else if (principal?.HasClaim(SingleSignOnClaim, "true") == true)
            {
                holder = await sender.Send(GetTokenHolderQuery.ByPerson(personId), aborted);
            }
        }

        if (holder is null || holder.ReadOnly)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }

        context.ReplacePrincipal(holder.ToPrincipal(Scheme));
    }
}
