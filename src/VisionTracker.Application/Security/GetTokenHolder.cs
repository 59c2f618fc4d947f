using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;

namespace VisionTracker.Application.Security;

/// <summary>
/// Who holds the personal API token with this hash, and the grants they act with; null when the token is unknown,
/// expired or revoked, or its holder is deactivated. Takes the hash, so no message ever carries the secret itself.
/// </summary>
public sealed record GetTokenHolderQuery(string TokenHash) : IQuery<TokenHolder?>;

public sealed record TokenHolder(Guid PersonId, string Name, IReadOnlyList<ScopeGrant> Grants);

public sealed class GetTokenHolderHandler(IVisionTrackerDbContext db, TimeProvider clock) : IQueryHandler<GetTokenHolderQuery, TokenHolder?>
{
    public async ValueTask<TokenHolder?> Handle(GetTokenHolderQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var token = await db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == query.TokenHash)
            .Select(t => new { t.PersonId, t.ExpiresAt, t.RevokedAt, t.Person!.IsActive, t.Person.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now || !token.IsActive)
        {
            return null;
        }

        var grants = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.PersonId == token.PersonId)
            .Select(r => new ScopeGrant(r.OrgUnitId, r.OrgUnit!.Path, r.Role))
            .ToListAsync(cancellationToken);
        return new TokenHolder(token.PersonId, token.Name, grants);
    }
}
