using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using VisionTracker.Api.Auth;

namespace VisionTracker.Api.Jobs;

/// <summary>
/// Lets only administrators of the whole organisation into the Hangfire dashboard: the caller authenticates with a
/// personal token (Bearer, or as the Basic password, so a browser can log in) and must pass the
/// <see cref="JobsDashboard.PolicyName"/> policy. No credentials → 401 with a Basic challenge; not an admin → 403.
/// </summary>
public sealed class AdminDashboardAuthorizationFilter : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (http.User.Identity?.IsAuthenticated != true)
        {
            var result = await http.AuthenticateAsync(TokenAuthenticationHandler.SchemeName);
            if (result.Succeeded)
            {
                http.User = result.Principal;
            }
        }

        if (http.User.Identity?.IsAuthenticated != true)
        {
            // Hangfire answers 401 for an anonymous caller; the challenge makes a browser ask for the token.
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"VisionTracker jobs\", charset=\"UTF-8\"";
            return false;
        }

        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(http.User, http, JobsDashboard.PolicyName)).Succeeded;
    }
}
