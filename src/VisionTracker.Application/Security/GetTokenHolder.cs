using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Security;

/// <summary>
/// The one rule for "which token is valid, and whose": the holder of a personal token and the grants they act with, or
/// null when the token is unknown, expired or revoked, or its holder is deactivated. The Bearer/Basic handler and the
/// sign-in page name the token by its hash (<see cref="BySecret"/>: no message carries the secret itself); a browser
/// session names the token it was started with by id (<see cref="BySession"/>), so it ends when that token does.
/// </summary>
public sealed record GetTokenHolderQuery : IQuery<TokenHolder?>
{
    public const int MaxSecretLength = 200;

    private GetTokenHolderQuery(string? tokenHash, Guid? tokenId, Guid? personId) =>
        (TokenHash, TokenId, PersonId) = (tokenHash, tokenId, personId);

    public string? TokenHash { get; }

    public Guid? TokenId { get; }

    public Guid? PersonId { get; }

    /// <summary>The query for a secret as a client sent it; null when it cannot be a token (blank or too long).</summary>
    public static GetTokenHolderQuery? BySecret(string? secret) =>
        secret?.Trim() is { Length: > 0 and <= MaxSecretLength } trimmed ? new(ApiToken.HashOf(trimmed), null, null) : null;

    public static GetTokenHolderQuery BySession(Guid personId, Guid tokenId) => new(null, tokenId, personId);
}

public sealed class GetTokenHolderHandler(IVisionTrackerDbContext db, TimeProvider clock) : IQueryHandler<GetTokenHolderQuery, TokenHolder?>
{
    public async ValueTask<TokenHolder?> Handle(GetTokenHolderQuery query, CancellationToken cancellationToken)
    {
        var tokens = db.ApiTokens.AsNoTracking();
        tokens = query.TokenHash is { } hash
            ? tokens.Where(t => t.Hash == hash)
            : tokens.Where(t => t.Id == query.TokenId && t.PersonId == query.PersonId);
        var now = clock.GetUtcNow().UtcDateTime;
        var token = await tokens
            .Select(t => new { t.Id, t.PersonId, t.ExpiresAt, t.RevokedAt, t.Person!.IsActive, t.Person.Name, t.Person.Culture })
            .FirstOrDefaultAsync(cancellationToken);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now || !token.IsActive)
        {
            return null;
        }

        var grants = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.PersonId == token.PersonId)
            .Select(r => new ScopeGrant(r.OrgUnitId, r.OrgUnit!.Path, r.Role))
            .ToListAsync(cancellationToken);
        return new TokenHolder(token.PersonId, token.Id, token.Name, token.Culture, grants);
    }
}
