using System.Security.Claims;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Security;

/// <summary>
/// Who a valid personal token, a single sign-on identity or a browser session stands for: the person, the token (none
/// for single sign-on), whether it may only read, and the roles that decide what they may see. Read afresh on every
/// request (<see cref="GetTokenHolderQuery"/>), so a revoked token, a deactivated person or a changed role takes effect at once.
/// </summary>
public sealed record TokenHolder(Guid PersonId, Guid? TokenId, string Name, string Culture, IReadOnlyList<ScopeGrant> Grants, bool ReadOnly = false)
{
    public const string GrantClaim = "vt:grant";
    public const string TokenClaim = "vt:token";
    public const string CultureClaim = "vt:culture";
    public const string ReadOnlyClaim = "vt:read-only";

    public ClaimsPrincipal ToPrincipal(string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, PersonId.ToString()),
            new(ClaimTypes.Name, Name),
            new(CultureClaim, Culture),
        };
        if (TokenId is { } tokenId)
        {
            claims.Add(new Claim(TokenClaim, tokenId.ToString()));
        }

        if (ReadOnly)
        {
            claims.Add(new Claim(ReadOnlyClaim, "true"));
        }

        claims.AddRange(Grants.Select(g => new Claim(GrantClaim, $"{g.Role}|{g.UnitId}|{g.UnitPath}")));
        claims.AddRange(Grants.Select(g => g.Role).Distinct().Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    public static bool IsReadOnly(ClaimsPrincipal? user) => user?.HasClaim(ReadOnlyClaim, "true") == true;

    public static IReadOnlyList<ScopeGrant> GrantsOf(ClaimsPrincipal? user) =>
        user?.FindAll(GrantClaim)
            .Select(c => c.Value.Split('|', 3))
            .Select(p => new ScopeGrant(Guid.Parse(p[1]), p[2], Enum.Parse<Role>(p[0])))
            .ToList() ?? [];
}
