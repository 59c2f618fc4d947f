using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Figures;

/// <summary>
/// Writes derived figures as single-row updates of just those columns: no version is bumped, no concurrency token is
/// checked and no audit entry is written (figures are derived, not edited), and an entity the command still tracks is
/// given the same values. Area figures are changed by a difference added in the database, so two commands in different
/// goal trees can change the same area at once without losing either change.
/// </summary>
internal sealed class FigureWriter(IVisionTrackerDbContext db, TimeProvider clock)
{
    public async Task KeyResultAsync(Guid id, KeyResultFigures f, CancellationToken ct)
    {
        await db.KeyResults.Where(k => k.Id == id).ExecuteUpdateAsync(
            s => s.SetProperty(k => k.CurrentValue, f.CurrentValue).SetProperty(k => k.Progress, f.Progress)
                .SetProperty(k => k.Confidence, f.Confidence).SetProperty(k => k.LastCheckInAt, f.LastCheckInAt),
            ct);
        Sync<KeyResult>(id, e =>
        {
            Set(e, nameof(KeyResult.CurrentValue), f.CurrentValue);
            Set(e, nameof(KeyResult.Progress), f.Progress);
            Set(e, nameof(KeyResult.Confidence), f.Confidence);
            Set(e, nameof(KeyResult.LastCheckInAt), f.LastCheckInAt);
        });
    }

    public async Task ActionAsync(Guid id, ActionFigures f, CancellationToken ct)
    {
        await db.Actions.Where(a => a.Id == id).ExecuteUpdateAsync(
            s => s.SetProperty(a => a.ReportedProgress, f.ReportedProgress).SetProperty(a => a.Progress, f.Progress)
                .SetProperty(a => a.Confidence, f.Confidence).SetProperty(a => a.LastCheckInAt, f.LastCheckInAt),
            ct);
        Sync<LeaderAction>(id, e =>
        {
            Set(e, nameof(LeaderAction.ReportedProgress), f.ReportedProgress);
            Set(e, nameof(LeaderAction.Progress), f.Progress);
            Set(e, nameof(LeaderAction.Confidence), f.Confidence);
            Set(e, nameof(LeaderAction.LastCheckInAt), f.LastCheckInAt);
        });
    }

    public async Task GoalAsync(GoalFigureState f, CancellationToken ct)
    {
        var share = f.Share;
        var themes = f.ThemeIds;
        await db.Goals.Where(g => g.Id == f.Id).ExecuteUpdateAsync(
            s => s.SetProperty(g => g.Progress, f.Progress).SetProperty(g => g.Confidence, f.Confidence)
                .SetProperty(g => g.CrossesBoundary, f.CrossesBoundary)
                .SetProperty(g => g.Share.Counted, share.Counted).SetProperty(g => g.Share.KeyResults, share.KeyResults)
                .SetProperty(g => g.Share.Actions, share.Actions).SetProperty(g => g.Share.KeyResultsWithAction, share.KeyResultsWithAction)
                .SetProperty(g => g.Share.Aligned, share.Aligned).SetProperty(g => g.Share.Orphan, share.Orphan)
                .SetProperty(g => g.CountedThemeIds, themes),
            ct);
        Sync<Goal>(f.Id, e =>
        {
            Set(e, nameof(Goal.Progress), f.Progress);
            Set(e, nameof(Goal.Confidence), f.Confidence);
            Set(e, nameof(Goal.CrossesBoundary), f.CrossesBoundary);
            foreach (var member in e.ComplexProperty(g => g.Share).Properties)
            {
                var value = member.Metadata.PropertyInfo!.GetValue(share);
                member.CurrentValue = value;
                member.OriginalValue = value;
                member.IsModified = false;
            }

            Set(e, nameof(Goal.CountedThemeIds), themes.ToList());
        });
    }

    /// <summary>
    /// Adds each difference to its area's stored sums and counts in one statement (<see cref="AreaSql"/>), then sets the
    /// areas' progress and confidence from their new sums by <see cref="Rollup.MeanOfSum"/> (one statement per period);
    /// an area without a row gets one. On PostgreSQL the rows are locked first in one order (period, kind, id), so that
    /// commands touching the same areas wait for each other instead of deadlocking. Returns how many areas changed.
    /// </summary>
    public async Task<int> AddToAreasAsync(IReadOnlyDictionary<AreaKey, AreaTotals> differences, CancellationToken ct)
    {
        var changes = differences.Where(d => !d.Value.IsZero).ToList();
        if (changes.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var sql = AreaSql.For(db.Model, changes.Count);
        var parameters = AreaSql.Parameters(changes, now);
        if (db.Database.IsPostgres())
        {
            await db.Database.ExecuteSqlRawAsync(sql.LockRows, parameters.Take(parameters.Count - 1), ct);
        }

        var updated = await db.Database.ExecuteSqlRawAsync(sql.AddDifferences, parameters, ct);
        foreach (var period in changes.GroupBy(c => c.Key.PeriodId))
        {
            var periodId = period.Key;
            var subjects = period.Select(c => c.Key.SubjectId).ToList();
            var progress = Rollup.MeanOfSum.Over<PeriodFigure, double, int, double?>(f => f.ProgressSum, f => f.ProgressCount);
            var confidence = Rollup.MeanOfSum.Over<PeriodFigure, double, int, double?>(f => f.ConfidenceSum, f => f.ConfidenceCount);
            await db.PeriodFigures
                .Where(f => f.PeriodId == periodId && subjects.Contains(f.SubjectId))
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Figures.Progress, progress).SetProperty(f => f.Figures.Confidence, confidence), ct);
        }

        if (updated < changes.Count)
        {
            await AddMissingAreasAsync(changes, now, ct);
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }

        return changes.Count;
    }

    private async Task AddMissingAreasAsync(List<KeyValuePair<AreaKey, AreaTotals>> changes, DateTime now, CancellationToken ct)
    {
        var periods = changes.Select(c => c.Key.PeriodId).Distinct().ToList();
        var subjects = changes.Select(c => c.Key.SubjectId).ToList();
        var stored = (await db.PeriodFigures.AsNoTracking()
                .Where(f => periods.Contains(f.PeriodId) && subjects.Contains(f.SubjectId))
                .Select(f => new { f.PeriodId, f.SubjectKind, f.SubjectId })
                .ToListAsync(ct))
            .Select(f => new AreaKey(f.PeriodId, f.SubjectKind, f.SubjectId))
            .ToHashSet();
        foreach (var (key, d) in changes.Where(c => !stored.Contains(c.Key)))
        {
            db.PeriodFigures.Add(new PeriodFigure { PeriodId = key.PeriodId, SubjectKind = key.Kind, SubjectId = key.SubjectId, Totals = d, UpdatedAt = now });
        }
    }

    /// <summary>Replaces an area's stored figures (the recomputation's repair).</summary>
    public async Task SetAreaAsync(AreaKey key, AreaTotals totals, CancellationToken ct)
    {
        var f = totals.Figures;
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.PeriodFigures
            .Where(x => x.PeriodId == key.PeriodId && x.SubjectKind == key.Kind && x.SubjectId == key.SubjectId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(x => x.Figures.Progress, f.Progress).SetProperty(x => x.Figures.Confidence, f.Confidence)
                    .SetProperty(x => x.ProgressSum, totals.ProgressSum).SetProperty(x => x.ProgressCount, totals.ProgressCount)
                    .SetProperty(x => x.ConfidenceSum, totals.ConfidenceSum).SetProperty(x => x.ConfidenceCount, totals.ConfidenceCount)
                    .SetProperty(x => x.Figures.GoalCount, f.GoalCount).SetProperty(x => x.Figures.KeyResultCount, f.KeyResultCount)
                    .SetProperty(x => x.Figures.ActionCount, f.ActionCount).SetProperty(x => x.Figures.AlignedGoalCount, f.AlignedGoalCount)
                    .SetProperty(x => x.Figures.KeyResultsWithActionCount, f.KeyResultsWithActionCount)
                    .SetProperty(x => x.Figures.OrphanGoalCount, f.OrphanGoalCount)
                    .SetProperty(x => x.Figures.CollaboratingGoalCount, f.CollaboratingGoalCount)
                    .SetProperty(x => x.UpdatedAt, now),
                ct);
        if (rows == 0)
        {
            db.PeriodFigures.Add(new PeriodFigure { PeriodId = key.PeriodId, SubjectKind = key.Kind, SubjectId = key.SubjectId, Totals = totals, UpdatedAt = now });
        }
    }

    private void Sync<T>(Guid id, Action<EntityEntry<T>> apply)
        where T : Entity
    {
        if (db.ChangeTracker.Entries<T>().FirstOrDefault(e => e.Entity.Id == id) is { } entry)
        {
            apply(entry);
        }
    }

    /// <summary>The tracked entity shows the stored value, and the change tracker does not count it as a change.</summary>
    private static void Set<T>(EntityEntry<T> entry, string property, object? value)
        where T : class
    {
        var p = entry.Property(property);
        p.CurrentValue = value;
        p.OriginalValue = value;
        p.IsModified = false;
    }
}
