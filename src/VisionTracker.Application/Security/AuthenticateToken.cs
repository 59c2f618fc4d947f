using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Security;

/// <summary>Looks a personal token up by its secret (only its hash is stored): the identity behind it, or null.</summary>
public sealed record AuthenticateTokenQuery(string Secret) : IQuery<SessionIdentity?>;

public sealed class AuthenticateTokenHandler(IVisionTrackerDbContext db, TimeProvider clock) : IQueryHandler<AuthenticateTokenQuery, SessionIdentity?>
{
    public const int MaxSecretLength = 200;

    public async ValueTask<SessionIdentity?> Handle(AuthenticateTokenQuery query, CancellationToken cancellationToken)
    {
        var secret = query.Secret?.Trim();
        if (string.IsNullOrEmpty(secret) || secret.Length > MaxSecretLength)
        {
            return null;
        }

        var hash = ApiToken.HashOf(secret);
        return await SessionIdentity.FindAsync(db, clock.GetUtcNow().UtcDateTime, t => t.Hash == hash, cancellationToken);
    }
}
