using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using VisionTracker.Application.Security;

namespace VisionTracker.Api.Auth;

/// <summary>
/// Personal API tokens, sent as "Authorization: Bearer &lt;token&gt;" or as the password of HTTP Basic (what Excel,
/// Power BI and Outlook send). Only the token's hash is stored; expired and revoked tokens are refused.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ISender sender,
    TokenUsage usage)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) || string.IsNullOrWhiteSpace(header.Parameter))
        {
            return AuthenticateResult.NoResult();
        }

        string? secret = header.Scheme.ToUpperInvariant() switch
        {
            "BEARER" => header.Parameter.Trim(),
            "BASIC" => PasswordOf(header.Parameter),
            _ => null,
        };
        var query = GetTokenHolderQuery.BySecret(secret);
        if (query is null)
        {
            return AuthenticateResult.Fail("The Authorization header carries no usable token.");
        }

        var holder = await sender.Send(query, Context.RequestAborted);
        if (holder is null)
        {
            return AuthenticateResult.Fail("The token is unknown, expired or revoked.");
        }

        await usage.NoteAsync(holder.TokenId, sender, Context.RequestAborted);
        return AuthenticateResult.Success(new AuthenticationTicket(holder.ToPrincipal(SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer, Basic realm=\"VisionTracker\", charset=\"UTF-8\"";
        return base.HandleChallengeAsync(properties);
    }

    private static string? PasswordOf(string parameter)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
