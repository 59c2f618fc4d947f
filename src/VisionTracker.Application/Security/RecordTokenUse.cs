using System.Collections.Concurrent;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;

namespace VisionTracker.Application.Security;

/// <summary>Notes that a token was used at <see cref="At"/> (its last-used time only moves forward; no audit entry).</summary>
public sealed record RecordTokenUseCommand(Guid TokenId, DateTime At) : ICommand;

public sealed class RecordTokenUseHandler(IVisionTrackerDbContext db) : ICommandHandler<RecordTokenUseCommand>
{
    public async ValueTask<Unit> Handle(RecordTokenUseCommand command, CancellationToken cancellationToken)
    {
        await db.ApiTokens
            .Where(t => t.Id == command.TokenId && (t.LastUsedAt == null || t.LastUsedAt < command.At))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, command.At), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>
/// Keeps a token's last-used time cheaply: each instance remembers when it last wrote it, and writes again only when a
/// minute has passed, so a token in steady use costs one small UPDATE a minute, not one per request. Every other
/// request pays a dictionary look-up.
/// </summary>
public sealed class TokenUsage(TimeProvider clock)
{
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, DateTime> written = new();

    public async Task NoteAsync(Guid? tokenId, ISender sender, CancellationToken cancellationToken)
    {
        if (tokenId is not { } id)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (written.TryGetValue(id, out var last) && now - last < Resolution)
        {
            return;
        }

        written[id] = now;
        await sender.Send(new RecordTokenUseCommand(id, now), cancellationToken);
    }
}
