namespace VisionTracker.Application.Security;

/// <summary>How people are matched to a <c>Person</c>: by the id the issuer knows them by, or by e-mail address.</summary>
public enum SingleSignOnMatch
{
    ExternalId,
    Email,
}

/// <summary>
/// Single sign-on (section "Sso"), off unless <see cref="Authority"/> is set: OpenID Connect (authorization code with
/// PKCE) for the pages and JWT bearer tokens for /api and /odata, from Entra ID or any OpenID Connect issuer.
/// </summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "Sso";

    /// <summary>The issuer, e.g. https://login.microsoftonline.com/{tenant}/v2.0; its discovery document names the keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The button on the sign-in page reads "Log ind med {DisplayName}".</summary>
    public string DisplayName { get; set; } = "Aarhus Kommune";

    /// <summary>The pages' client id at the issuer; without it the pages offer no single sign-on.</summary>
    public string? ClientId { get; set; }

    /// <summary>The pages' client secret: from a secret store or environment variable, never from a committed file.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The audience API access tokens must be issued for (e.g. api://visiontracker); without it the API takes no JWTs.</summary>
    public string? Audience { get; set; }

    public SingleSignOnMatch MatchBy { get; set; } = SingleSignOnMatch.ExternalId;

    /// <summary>The claim that carries the id or address; by default "oid" (Entra ID's object id) or "email".</summary>
    public string? Claim { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    public bool PagesEnabled => Enabled && !string.IsNullOrWhiteSpace(ClientId);

    public bool ApiEnabled => Enabled && !string.IsNullOrWhiteSpace(Audience);

    public string ClaimType => string.IsNullOrWhiteSpace(Claim) ? (MatchBy == SingleSignOnMatch.Email ? "email" : "oid") : Claim;

    /// <summary>The query for the person a signed-in identity stands for, or null when it carries no usable claim.</summary>
    public GetTokenHolderQuery? PersonQuery(System.Security.Claims.ClaimsPrincipal? principal) =>
        principal?.FindFirst(ClaimType)?.Value?.Trim() is { Length: > 0 and <= 320 } value
            ? MatchBy == SingleSignOnMatch.Email ? GetTokenHolderQuery.ByEmail(value) : GetTokenHolderQuery.ByExternalId(value)
            : null;
}
