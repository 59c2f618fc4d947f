using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Figures;

namespace VisionTracker.Application.Notifications;

/// <summary>Each unit's check-in cadence: its own, else its nearest ancestor's, else the configured default.</summary>
public sealed class CheckInCadence
{
    private readonly Dictionary<Guid, int> days;

    private CheckInCadence(Dictionary<Guid, int> days, int fallback)
    {
        this.days = days;
        Fallback = fallback;
    }

    public int Fallback { get; }

    /// <summary>The shortest cadence anywhere: nothing checked in more recently than this can be stale.</summary>
    public int Shortest => days.Count == 0 ? Fallback : Math.Min(days.Values.Min(), Fallback);

    public int For(Guid unitId) => days.TryGetValue(unitId, out var d) ? d : Fallback;

    /// <summary>
    /// The one rule for "needs a check-in" (reminders, my work, a subtree's stale list): something running in an Active
    /// period with no check-in (or, never checked in, not created) within its unit's cadence.
    /// </summary>
    public bool NeedsCheckIn(Guid unitId, DateTime? lastCheckInAt, DateTime createdAt, DateTime now) =>
        Rollup.IsStale(lastCheckInAt, createdAt, now, For(unitId));

    public static async Task<CheckInCadence> LoadAsync(IVisionTrackerDbContext db, int fallback, CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking()
            .Select(u => new { u.Id, u.ParentId, u.CheckInCadenceDays })
            .ToDictionaryAsync(u => u.Id, ct);
        var resolved = new Dictionary<Guid, int>();
        foreach (var unit in units.Values)
        {
            var current = unit;
            var depth = 0;
            while (current.CheckInCadenceDays is null && current.ParentId is { } parent && units.TryGetValue(parent, out var up) && depth++ < 64)
            {
                current = up;
            }

            resolved[unit.Id] = current.CheckInCadenceDays is > 0 and var d ? d : fallback;
        }

        return new CheckInCadence(resolved, fallback);
    }
}
