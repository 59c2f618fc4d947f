using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Security;

/// <summary>
/// Who a valid personal token (or a browser session started with one) stands for: the person, the token, and the
/// roles that decide what they may see. Read afresh on every request, so a revoked token, a deactivated person or a
/// changed role takes effect at once.
/// </summary>
public sealed record SessionIdentity(Guid PersonId, Guid TokenId, string Name, string Culture, IReadOnlyList<ScopeGrant> Grants)
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

    /// <summary>The identity behind the token that matches <paramref name="tokenFilter"/>, or null when it is unknown, expired, revoked, or its person is deactivated.</summary>
    internal static async Task<SessionIdentity?> FindAsync(
        IVisionTrackerDbContext db, DateTime now, System.Linq.Expressions.Expression<Func<ApiToken, bool>> tokenFilter, CancellationToken ct)
    {
        var token = await db.ApiTokens.AsNoTracking()
            .Where(tokenFilter)
            .Select(t => new { t.Id, t.PersonId, t.ExpiresAt, t.RevokedAt, t.Person!.IsActive, t.Person.Name, t.Person.Culture })
            .FirstOrDefaultAsync(ct);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now || !token.IsActive)
        {
            return null;
        }

        var grants = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.PersonId == token.PersonId)
            .Select(r => new ScopeGrant(r.OrgUnitId, r.OrgUnit!.Path, r.Role))
            .ToListAsync(ct);
        return new SessionIdentity(token.PersonId, token.Id, token.Name, token.Culture, grants);
    }
}
