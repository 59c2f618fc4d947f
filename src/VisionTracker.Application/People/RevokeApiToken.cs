using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.People;

public sealed record RevokeApiTokenCommand(Guid PersonId, Guid TokenId) : ICommand;

public sealed class RevokeApiTokenHandler(IVisionTrackerDbContext db, AccessPolicy access, TimeProvider clock) : ICommandHandler<RevokeApiTokenCommand>
{
    public async ValueTask<Unit> Handle(RevokeApiTokenCommand command, CancellationToken cancellationToken)
    {
        await db.LoadForTokensAsync(access, command.PersonId, cancellationToken);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == command.TokenId && t.PersonId == command.PersonId, cancellationToken)
            ?? throw new NotFoundException("ApiToken", command.TokenId);
        token.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
