using Mediator;
using VisionTracker.Application.Common;

namespace VisionTracker.Application.Security;

/// <summary>
/// A browser session names the token it was started with (never the token itself); the session lives only as long as
/// that token is valid and its person active.
/// </summary>
public sealed record ResumeSessionQuery(Guid PersonId, Guid TokenId) : IQuery<SessionIdentity?>;

public sealed class ResumeSessionHandler(IVisionTrackerDbContext db, TimeProvider clock) : IQueryHandler<ResumeSessionQuery, SessionIdentity?>
{
    public async ValueTask<SessionIdentity?> Handle(ResumeSessionQuery query, CancellationToken cancellationToken) =>
        await SessionIdentity.FindAsync(db, clock.GetUtcNow().UtcDateTime, t => t.Id == query.TokenId && t.PersonId == query.PersonId, cancellationToken);
}
