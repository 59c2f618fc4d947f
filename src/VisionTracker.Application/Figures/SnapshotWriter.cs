using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Figures;

namespace VisionTracker.Application.Figures;

/// <summary>
/// Copies a period's stored figures into <see cref="ProgressSnapshot"/> rows for one day: every goal, key result,
/// action, theme and org unit of the period. A second write on the same day replaces that day's rows, so re-runs never
/// duplicate. It copies, it never computes: run <see cref="FigureCalculator"/> first. It flushes pending changes before
/// reading (inside the caller's transaction, if any) so it copies what the calculator just stored; the caller saves the rows.
/// </summary>
public sealed class SnapshotWriter(IVisionTrackerDbContext db, FigureReader reader)
{
    /// <summary>Writes (or replaces) today's snapshots of the period, today being the local date of <see cref="FigureOptions.TimeZone"/>.</summary>
    public Task<int> WriteAsync(Guid periodId, bool isFinal, CancellationToken ct) => WriteAsync(periodId, reader.Today, isFinal, ct);

    /// <summary>Writes (or replaces) the snapshots of <paramref name="periodId"/> for <paramref name="date"/>; returns how many rows.</summary>
    public async Task<int> WriteAsync(Guid periodId, DateOnly date, bool isFinal, CancellationToken ct)
    {
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }

        var goals = await db.Goals.AsNoTracking()
            .Include(g => g.KeyResults)
            .Include(g => g.Alignments)
            .Where(g => g.PeriodId == periodId)
            .AsSplitQuery()
            .ToListAsync(ct);
        var actions = await db.Actions.AsNoTracking()
            .Where(a => a.PeriodId == periodId)
            .Select(a => new { a.Id, a.OrgUnitId, a.Progress, a.Confidence })
            .ToListAsync(ct);
        var checkIns = await db.CheckIns.AsNoTracking()
            .Where(c => c.PeriodId == periodId)
            .GroupBy(c => c.KeyResultId ?? c.ActionId)
            .Select(g => new { Subject = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Subject ?? Guid.Empty, x => x.Count, ct);
        var areas = await db.PeriodFigures.AsNoTracking().Where(f => f.PeriodId == periodId).ToListAsync(ct);
        var unitPaths = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        var existing = await db.ProgressSnapshots
            .Where(s => s.PeriodId == periodId && s.Date == date)
            .ToDictionaryAsync(s => (s.SubjectKind, s.SubjectId), ct);

        var now = reader.Now;
        var written = new HashSet<(FigureSubject, Guid)>();
        var childCounts = goals.Where(g => g.ParentGoalId is not null && g.CountsInParent)
            .GroupBy(g => g.ParentGoalId!.Value)
            .ToDictionary(g => g.Key, g => g.Count());

        foreach (var goal in goals)
        {
            Put(FigureSubject.Goal, goal.Id, goal.OwnerUnitId, Own(goal.Progress, goal.Confidence),
                goal.KeyResults.Count + childCounts.GetValueOrDefault(goal.Id));
            foreach (var kr in goal.KeyResults)
            {
                Put(FigureSubject.KeyResult, kr.Id, goal.OwnerUnitId, Own(kr.Progress, kr.Confidence), checkIns.GetValueOrDefault(kr.Id));
            }
        }

        foreach (var action in actions)
        {
            Put(FigureSubject.Action, action.Id, action.OrgUnitId, Own(action.Progress, action.Confidence), checkIns.GetValueOrDefault(action.Id));
        }

        var counted = goals.Where(g => g.CountsInFigures).ToList();
        var byUnit = AreaMembership.ByUnit(counted, unitPaths);
        foreach (var area in areas)
        {
            var members = area.SubjectKind == FigureSubject.Theme
                ? AreaMembership.ForTheme(counted, area.SubjectId)
                : byUnit.GetValueOrDefault(area.SubjectId) ?? [];
            var snapshot = Put(area.SubjectKind, area.SubjectId, area.SubjectKind == FigureSubject.OrgUnit ? area.SubjectId : null,
                area.Figures, area.Figures.GoalCount);
            snapshot.StaleKeyResultCount = members.SelectMany(g => g.KeyResults).Count(k => reader.IsStale(k.LastCheckInAt, k.CreatedAt));
        }

        // Replace means replace: a subject gone since an earlier run of the same day loses its row.
        foreach (var (key, stale) in existing)
        {
            if (!written.Contains(key))
            {
                db.ProgressSnapshots.Remove(stale);
            }
        }

        return written.Count;

        // A goal, key result or action has a progress and a confidence of its own, and none of an area's counts.
        static FigureValues Own(double? progress, double? confidence) => new() { Progress = progress, Confidence = confidence };

        ProgressSnapshot Put(FigureSubject kind, Guid subjectId, Guid? unitId, FigureValues figures, int inputs)
        {
            if (!existing.TryGetValue((kind, subjectId), out var snapshot))
            {
                snapshot = new ProgressSnapshot { SubjectKind = kind, SubjectId = subjectId, PeriodId = periodId, Date = date };
                db.ProgressSnapshots.Add(snapshot);
            }

            snapshot.OrgUnitId = unitId;
            snapshot.Figures = figures;
            snapshot.InputCount = inputs;
            snapshot.IsFinal = isFinal;
            snapshot.TakenAt = now;
            written.Add((kind, subjectId));
            return snapshot;
        }
    }
}
