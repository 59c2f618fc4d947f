using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using VisionTracker.Application.Common;
using VisionTracker.Application.People;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Security;

/// <summary>
/// The one rule for "which credential is valid, and whose": the holder of a personal token (or of a single sign-on
/// identity) and the grants they act with, or null when the token is unknown, expired or revoked, or its holder is
/// deactivated or unknown. The Bearer/Basic handler and the sign-in page name the token by its hash
/// (<see cref="BySecret"/>: no message carries the secret itself); a browser session names the token it was started
/// with by id (<see cref="BySession"/>), so it ends when that token does; single sign-on names the person by the
/// configured claim (<see cref="ByExternalId"/>, <see cref="ByEmail"/>) and a session started by it by id (<see cref="ByPerson"/>).
/// </summary>
public sealed record GetTokenHolderQuery : IQuery<TokenHolder?>
{
    public const int MaxSecretLength = 200;

    private GetTokenHolderQuery(string? tokenHash, Guid? tokenId, Guid? personId) =>
        (TokenHash, TokenId, PersonId) = (tokenHash, tokenId, personId);

    public string? TokenHash { get; }

    public Guid? TokenId { get; }

    public Guid? PersonId { get; }

    public string? ExternalId { get; private init; }

    public string? Email { get; private init; }

    /// <summary>The query for a secret as a client sent it; null when it cannot be a token (blank or too long).</summary>
    public static GetTokenHolderQuery? BySecret(string? secret) =>
        secret?.Trim() is { Length: > 0 and <= MaxSecretLength } trimmed ? new(ApiToken.HashOf(trimmed), null, null) : null;

    public static GetTokenHolderQuery BySession(Guid personId, Guid tokenId) => new(null, tokenId, personId);

    public static GetTokenHolderQuery ByPerson(Guid personId) => new(null, null, personId);

    public static GetTokenHolderQuery ByExternalId(string externalId) => new(null, null, null) { ExternalId = externalId };

    public static GetTokenHolderQuery ByEmail(string email) => new(null, null, null) { Email = email };

    internal bool IsToken => TokenHash is not null || TokenId is not null;
}

public sealed class GetTokenHolderHandler(IVisionTrackerDbContext db, TimeProvider clock) : IQueryHandler<GetTokenHolderQuery, TokenHolder?>
{
    // Every request asks this, so it is one statement, compiled once: no LINQ translation or query-cache look-up per
    // request. The grants come as flat LEFT JOINs, a row per grant: as a collection in the token's projection EF Core
    // joins them onto a subquery that SQLite cannot flatten, so it materialised every role assignment of the
    // organisation with its unit for each request (2 ms of a 5 ms request at Aarhus scale); flat, they are one search
    // of the (PersonId, OrgUnitId, Role) index on either database.
    private static readonly Expression<Func<ApiToken, RoleAssignment?, TokenRow>> Row = (t, r) => new TokenRow(
        t.Id,
        t.PersonId,
        t.Name,
        t.Kind,
        t.ExpiresAt,
        t.RevokedAt,
        t.Person!.IsActive,
        t.Person.Name,
        t.Person.Culture,
        r == null ? null : new ScopeGrant(r.OrgUnitId, r.OrgUnit!.Path, r.Role));

    // EF Core refuses a compiled query on a model other than the one it was compiled for (each test host builds its own).
    private static readonly ConditionalWeakTable<IModel, Compiled> ByModel = [];

    public async ValueTask<TokenHolder?> Handle(GetTokenHolderQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return query.IsToken ? await ByTokenAsync(query, now, cancellationToken) : await ByPersonAsync(query, cancellationToken);
    }

    private async Task<TokenHolder?> ByTokenAsync(GetTokenHolderQuery query, DateTime now, CancellationToken cancellationToken)
    {
        var context = (DbContext)db;
        var compiled = ByModel.GetValue(context.Model, _ => new Compiled());
        var rows = await (query.TokenHash is { } hash
            ? compiled.ByHash(context, hash)
            : compiled.ById(context, query.TokenId!.Value, query.PersonId!.Value)).ToListAsync(cancellationToken);
        var token = rows.FirstOrDefault();
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now || !token.IsActive)
        {
            return null;
        }

        // The bootstrap token is for getting started: once an administrator of the whole organisation holds a personal
        // token of their own, it is refused (only its own requests pay for this question).
        if (token.Name == ApiToken.BootstrapName && await db.ApiTokens.AnyAsync(
                t => t.Name != ApiToken.BootstrapName && t.Kind == ApiTokenKind.Full && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now)
                    && t.Person!.IsActive
                    && db.RoleAssignments.Any(r => r.PersonId == t.PersonId && r.Role == Role.Admin && r.OrgUnit!.ParentId == null),
                cancellationToken))
        {
            return null;
        }

        var grants = rows.Where(r => r.Grant is not null).Select(r => r.Grant!).ToList();
        return new TokenHolder(token.PersonId, token.Id, token.PersonName, token.Culture, grants, token.Kind == ApiTokenKind.ReadOnly);
    }

    private async Task<TokenHolder?> ByPersonAsync(GetTokenHolderQuery query, CancellationToken cancellationToken)
    {
        var people = db.People.AsNoTracking().Where(p => p.IsActive);
        people = query switch
        {
            { PersonId: { } id } => people.Where(p => p.Id == id),
            { ExternalId: { } externalId } => people.Where(p => p.ExternalId == externalId),
            { Email: { } email } => people.WithEmail(email),
            _ => people.Where(_ => false),
        };
        var person = await people.Select(p => new { p.Id, p.Name, p.Culture }).FirstOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return null;
        }

        var grants = await db.RoleAssignments.AsNoTracking().Where(r => r.PersonId == person.Id).Select(r => new ScopeGrant(r.OrgUnitId, r.OrgUnit!.Path, r.Role)).ToListAsync(cancellationToken);
        return new TokenHolder(person.Id, null, person.Name, person.Culture, grants);
    }

    private sealed class Compiled
    {
        public Func<DbContext, string, IAsyncEnumerable<TokenRow>> ByHash { get; } = EF.CompileAsyncQuery(
            // Hash and id are unique: at most one token, with a row per grant (one row with no grant when it has none).
            (DbContext db, string hash) => db.Set<ApiToken>().AsNoTracking().Where(t => t.Hash == hash)
                .SelectMany(t => t.Person!.RoleAssignments.DefaultIfEmpty(), Row));

        public Func<DbContext, Guid, Guid, IAsyncEnumerable<TokenRow>> ById { get; } = EF.CompileAsyncQuery(
            (DbContext db, Guid id, Guid personId) => db.Set<ApiToken>().AsNoTracking().Where(t => t.Id == id && t.PersonId == personId)
                .SelectMany(t => t.Person!.RoleAssignments.DefaultIfEmpty(), Row));
    }
}

internal sealed record TokenRow(
    Guid Id, Guid PersonId, string Name, ApiTokenKind Kind, DateTime? ExpiresAt, DateTime? RevokedAt, bool IsActive, string PersonName, string Culture,
    ScopeGrant? Grant);
