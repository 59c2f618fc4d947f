using Microsoft.Extensions.Caching.Memory;
using VisionTracker.Application.Figures;

namespace VisionTracker.Application.Reporting;

/// <summary>
/// Replays of whole periods at instants that are over (the end of a past day), kept for the AsOf functions. A replay at
/// such an instant changes only when the data behind it does, so an entry is keyed by the period, the instant and the
/// data version read from the database just before the replay (<see cref="ReportingHistory"/>): every write moves the
/// version, and an entry of an older version is never read again (it ages out). No entry holds a caller's scope: a
/// replay is of the whole period, and scope is applied to its rows after it. Bounded by the rows the replays hold.
/// </summary>
public sealed class ReplayCache : IDisposable
{
    /// <summary>Key results and goals held in all entries together (one Aarhus-scale period is ~40,000).</summary>
    public const long RowLimit = 250_000;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = RowLimit, CompactionPercentage = 0.5 });

    public async Task<PeriodReplay> GetOrReplayAsync(Guid periodId, DateTime at, string version, Func<Task<PeriodReplay>> replay)
    {
        var key = (periodId, at, version);
        if (cache.TryGetValue(key, out PeriodReplay? known) && known is not null)
        {
            return known;
        }

        var made = await replay();
        cache.Set(key, made, new MemoryCacheEntryOptions { Size = Math.Max(1, made.KeyResults.Count + made.Goals.Count), SlidingExpiration = TimeSpan.FromHours(1) });
        return made;
    }

    public void Dispose() => cache.Dispose();
}
