using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Org;

/// <summary>A running key result in a unit's subtree without a recent check-in.</summary>
public sealed record UncheckedKeyResultDto
{
    public Guid KeyResultId { get; init; }
    public required string Title { get; init; }
    public Guid GoalId { get; init; }
    public required string GoalTitle { get; init; }
    public Guid UnitId { get; init; }
    public required string UnitName { get; init; }
    public Guid OwnerId { get; init; }
    public required string OwnerName { get; init; }
    public required string PeriodName { get; init; }

    /// <summary>Null when it was never checked in on.</summary>
    public DateTime? LastCheckInAt { get; init; }

    /// <summary>
    /// The days without a check-in it was held to: the stale limit (Figures:StaleAfterDays) in the stale list, its goal's
    /// unit's check-in cadence (inherited down the tree, else the stale limit) in the needing-check-in list.
    /// </summary>
    public int LimitDays { get; init; }
}

/// <summary>
/// The one read behind the stale and the needing-check-in lists of a subtree: the running key results (Active goal,
/// Active period, the named one if given) with no check-in since <c>cutoff</c>, the longest unchecked first.
/// </summary>
public sealed class SubtreeKeyResults(IVisionTrackerDbContext db, AccessPolicy access)
{
    public async Task<IReadOnlyList<UncheckedKeyResultDto>> UncheckedSinceAsync(
        Guid unitId, Guid? periodId, DateTime cutoff, Func<Guid, int> limitDays, DateTime now, CancellationToken ct)
    {
        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct)
            ?? throw new NotFoundException("OrgUnit", unitId);
        access.EnsureCanRead(unit.Path, "OrgUnit", unit.Id);
        if (periodId is { } id && !await db.Periods.AnyAsync(p => p.Id == id, ct))
        {
            throw new NotFoundException("Period", id);
        }

        var rows = await db.KeyResults.AsNoTracking()
            .Where(k => k.Goal!.OwnerUnit!.Path.StartsWith(unit.Path))
            .Where(k => periodId == null || k.PeriodId == periodId)
            .Where(k => db.Periods.Any(p => p.Id == k.PeriodId && p.State == PeriodState.Active))
            .Where(FigureRules.GoalCounts.Over((KeyResult k) => k.Goal!.State, k => k.Goal!.IsArchived))
            .Where(FigureRules.Stale<KeyResult>(k => k.LastCheckInAt, k => k.CreatedAt, cutoff))
            .Select(k => new
            {
                k.Id,
                k.Title,
                k.GoalId,
                GoalTitle = k.Goal!.Title,
                UnitId = k.Goal.OwnerUnitId,
                UnitName = k.Goal.OwnerUnit!.Name,
                k.OwnerId,
                OwnerName = k.Owner!.Name,
                PeriodName = k.Goal.Period!.Name,
                k.LastCheckInAt,
                k.CreatedAt,
            })
            .ToListAsync(ct);

        return rows
            .Where(k => Rollup.IsStale(k.LastCheckInAt, k.CreatedAt, now, limitDays(k.UnitId)))
            .OrderBy(k => k.LastCheckInAt ?? k.CreatedAt).ThenBy(k => k.Title, StringComparer.Ordinal)
            .Select(k => new UncheckedKeyResultDto
            {
                KeyResultId = k.Id,
                Title = k.Title,
                GoalId = k.GoalId,
                GoalTitle = k.GoalTitle,
                UnitId = k.UnitId,
                UnitName = k.UnitName,
                OwnerId = k.OwnerId,
                OwnerName = k.OwnerName,
                PeriodName = k.PeriodName,
                LastCheckInAt = k.LastCheckInAt,
                LimitDays = limitDays(k.UnitId),
            })
            .ToList();
    }
}
