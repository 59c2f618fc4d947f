using System.Security.Claims;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Security;

/// <summary>
/// Who a valid personal token (or a browser session started with one) stands for: the person, the token, and the
/// roles that decide what they may see. Read afresh on every request (<see cref="GetTokenHolderQuery"/>), so a revoked
/// token, a deactivated person or a changed role takes effect at once.
/// </summary>
public sealed record TokenHolder(Guid PersonId, Guid TokenId, string Name, string Culture, IReadOnlyList<ScopeGrant> Grants)
{
    public const string GrantClaim = "vt:grant";
    public const string TokenClaim = "vt:token";
    public const string CultureClaim = "vt:culture";

    public ClaimsPrincipal ToPrincipal(string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, PersonId.ToString()),
            new(ClaimTypes.Name, Name),
            new(TokenClaim, TokenId.ToString()),
            new(CultureClaim, Culture),
        };
        claims.AddRange(Grants.Select(g => new Claim(GrantClaim, $"{g.Role}|{g.UnitId}|{g.UnitPath}")));
        claims.AddRange(Grants.Select(g => g.Role).Distinct().Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    public static IReadOnlyList<ScopeGrant> GrantsOf(ClaimsPrincipal? user) =>
        user?.FindAll(GrantClaim)
            .Select(c => c.Value.Split('|', 3))
            .Select(p => new ScopeGrant(Guid.Parse(p[1]), p[2], Enum.Parse<Role>(p[0])))
            .ToList() ?? [];
}
