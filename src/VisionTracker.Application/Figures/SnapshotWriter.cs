using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Figures;

/// <summary>
/// Copies a period's stored figures into <see cref="ProgressSnapshot"/> rows for one day: every goal, key result,
/// action, theme and org unit of the period. A second write on the same day leaves that day's rows as a first write
/// would: it rewrites only the rows whose values differ (an upsert on the unique subject-period-date index; an unchanged
/// row keeps its id and the time it was taken) and drops the rows of subjects no longer in the period, so re-runs never
/// duplicate. It copies, it never computes figures: run <see cref="FigureCalculator"/> first. Goals, key results and
/// actions are copied by one INSERT … SELECT … ON CONFLICT in the database (tens of thousands of rows at Aarhus scale),
/// themes and units (a few hundred) by another, with their stale key results counted at the time of writing.
/// </summary>
public sealed class SnapshotWriter(IVisionTrackerDbContext db, FigureReader reader, FigureReplay replay)
{
    /// <summary>Writes (or updates) today's snapshots of the period, today being the local date of <see cref="FigureOptions.TimeZone"/>.</summary>
    public Task<int> WriteAsync(Guid periodId, bool isFinal, CancellationToken ct) => WriteAsync(periodId, reader.Today, isFinal, ct);

    /// <summary>Writes (or updates) the snapshots of <paramref name="periodId"/> for <paramref name="date"/>; returns how many rows the period has for it.</summary>
    public async Task<int> WriteAsync(Guid periodId, DateOnly date, bool isFinal, CancellationToken ct)
    {
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }

        var now = reader.Now;
        await db.Database.ExecuteSqlRawAsync(CopySql(db.Model), [periodId, date, isFinal, now], ct);

        // A goal's inputs are its key results and the child goals that count in it; the copy above leaves a goal's count
        // as it was when its figures are unchanged (it knows only the key results), so it is set here where it differs.
        await db.ProgressSnapshots
            .Where(s => s.PeriodId == periodId && s.Date == date && s.SubjectKind == FigureSubject.Goal)
            .Select(s => new
            {
                Snapshot = s,
                Inputs = db.Goals.Where(g => g.Id == s.SubjectId).Select(g => g.Share.KeyResults).FirstOrDefault()
                    + db.Goals.Where(c => c.ParentGoalId == s.SubjectId).Count(FigureRules.CountingInParent),
            })
            .Where(x => x.Snapshot.InputCount != x.Inputs)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Snapshot.InputCount, x => x.Inputs), ct);

        await WriteAreasAsync(periodId, date, isFinal, now, ct);

        // Every subject of the period now has exactly one row (the unique index); more rows than subjects means an
        // earlier write of the day has rows a write now would not: a draft key result or action deleted since, a theme
        // or unit gone. Counted first, as that is rare and the look-up per row is not.
        var rows = await db.ProgressSnapshots.CountAsync(s => s.PeriodId == periodId && s.Date == date, ct);
        var subjects = await db.Goals.CountAsync(g => g.PeriodId == periodId, ct) + await db.KeyResults.CountAsync(k => k.PeriodId == periodId, ct)
            + await db.Actions.CountAsync(a => a.PeriodId == periodId, ct) + await db.PeriodFigures.CountAsync(f => f.PeriodId == periodId, ct);
        if (rows == subjects)
        {
            return rows;
        }

        return rows - await db.ProgressSnapshots
            .Where(s => s.PeriodId == periodId && s.Date == date)
            .Where(s => s.SubjectKind == FigureSubject.Goal ? !db.Goals.Any(g => g.Id == s.SubjectId && g.PeriodId == periodId)
                : s.SubjectKind == FigureSubject.KeyResult ? !db.KeyResults.Any(k => k.Id == s.SubjectId && k.PeriodId == periodId)
                : s.SubjectKind == FigureSubject.Action ? !db.Actions.Any(a => a.Id == s.SubjectId && a.PeriodId == periodId)
                : !db.PeriodFigures.Any(f => f.PeriodId == periodId && f.SubjectKind == s.SubjectKind && f.SubjectId == s.SubjectId))
            .ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Writes (or replaces) the theme and org-unit snapshots of a past <paramref name="date"/> from a replay of its end
    /// (<see cref="FigureReplay"/>): history for days no nightly job ran on (the demo data's months before it was seeded).
    /// </summary>
    public async Task<int> WriteReplayedAsync(Guid periodId, DateOnly date, bool isFinal, CancellationToken ct)
    {
        var day = await replay.ReplayAsync(periodId, reader.EndOfDay(date), ct);
        await db.ProgressSnapshots.Where(s => s.PeriodId == periodId && s.Date == date).ExecuteDeleteAsync(ct);
        foreach (var area in day.Areas)
        {
            db.ProgressSnapshots.Add(new ProgressSnapshot
            {
                SubjectKind = area.Kind,
                SubjectId = area.SubjectId,
                PeriodId = periodId,
                Date = date,
                OrgUnitId = area.Kind == FigureSubject.OrgUnit ? area.SubjectId : null,
                Figures = area.Figures,
                InputCount = area.Figures.GoalCount,
                StaleKeyResultCount = area.StaleKeyResultCount,
                IsFinal = isFinal,
                TakenAt = reader.Now,
            });
        }

        await db.SaveChangesAsync(ct);
        return day.Areas.Count;
    }

    /// <summary>
    /// One INSERT … SELECT … ON CONFLICT copying the period's theme and org-unit figures, with each area's stale key
    /// results counted now (a CASE over the few areas that have any): a few hundred rows in one statement, not one each.
    /// </summary>
    private async Task WriteAreasAsync(Guid periodId, DateOnly date, bool isFinal, DateTime now, CancellationToken ct)
    {
        var goals = await db.Goals.AsNoTracking().Where(g => g.PeriodId == periodId).GoalFigureStates().ToListAsync(ct);
        var cutoff = Rollup.StaleCutoff(now, reader.StaleAfterDays);
        var staleByGoal = await db.KeyResults.AsNoTracking()
            .Where(k => k.PeriodId == periodId)
            .Where(FigureRules.Stale<KeyResult>(k => k.LastCheckInAt, k => k.CreatedAt, cutoff))
            .GroupBy(k => k.GoalId)
            .Select(g => new { GoalId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.GoalId, g => g.Count, ct);

        // Members are the goals that count in the area: the same membership as the area's figures (GoalFigureState.Areas).
        var stale = new Dictionary<Guid, int>();
        foreach (var goal in goals.Where(g => staleByGoal.ContainsKey(g.Id)))
        {
            foreach (var area in goal.Areas)
            {
                stale[area.SubjectId] = stale.GetValueOrDefault(area.SubjectId) + staleByGoal[goal.Id];
            }
        }

        var parameters = new List<object> { periodId, date, isFinal, now };
        var staleCount = new StringBuilder(stale.Count == 0 ? "0" : "CASE f.{subject}");
        foreach (var (subjectId, count) in stale)
        {
            staleCount.Append(CultureInfo.InvariantCulture, $" WHEN {{{parameters.Count}}} THEN {{{parameters.Count + 1}}}");
            parameters.Add(subjectId);
            parameters.Add(count);
        }

        if (stale.Count > 0)
        {
            staleCount.Append(" ELSE 0 END");
        }

        await db.Database.ExecuteSqlRawAsync(AreaCopySql(db.Model, staleCount.ToString()), parameters, ct);
    }

    /// <summary>Copies every area row of a period ({0}) for a date ({1}); <paramref name="staleCount"/> is the stale key results' column expression.</summary>
    private static string AreaCopySql(IModel model, string staleCount)
    {
        var s = model.FindEntityType(typeof(ProgressSnapshot))!;
        var f = model.FindEntityType(typeof(PeriodFigure))!;
        var subject = Column(f, nameof(PeriodFigure.SubjectId));
        return $$"""
            INSERT INTO {{Table(s)}} AS t ({{Columns(s)}})
            SELECT f.{{Column(f, nameof(PeriodFigure.SubjectKind))}}, f.{{subject}}, f.{{Column(f, nameof(PeriodFigure.PeriodId))}}, {1},
                CASE WHEN f.{{Column(f, nameof(PeriodFigure.SubjectKind))}} = '{{nameof(FigureSubject.OrgUnit)}}' THEN f.{{subject}} ELSE NULL END,
                {{string.Join(", ", FigureNames.Select(n => $"f.{Figure(f, n)}"))}}, f.{{Figure(f, nameof(FigureValues.GoalCount))}},
                {{staleCount.Replace("{subject}", subject, StringComparison.Ordinal)}}, {2}, {3}
            FROM {{Table(f)}} f WHERE f.{{Column(f, nameof(PeriodFigure.PeriodId))}} = {0}
            {{Upsert(s, inputCountOf: null)}}
            """;
    }

    /// <summary>The figure columns in the order the copies write them: progress, confidence, then the counts.</summary>
    private static readonly string[] FigureNames =
    [
        nameof(FigureValues.Progress), nameof(FigureValues.Confidence),
        nameof(FigureValues.GoalCount), nameof(FigureValues.KeyResultCount), nameof(FigureValues.ActionCount), nameof(FigureValues.AlignedGoalCount),
        nameof(FigureValues.KeyResultsWithActionCount), nameof(FigureValues.OrphanGoalCount), nameof(FigureValues.CollaboratingGoalCount),
    ];

    private static string Columns(IEntityType s) => string.Join(", ", new[]
        {
            Column(s, nameof(ProgressSnapshot.SubjectKind)), Column(s, nameof(ProgressSnapshot.SubjectId)), Column(s, nameof(ProgressSnapshot.PeriodId)),
            Column(s, nameof(ProgressSnapshot.Date)), Column(s, nameof(ProgressSnapshot.OrgUnitId)),
        }
        .Concat(FigureNames.Select(n => Figure(s, n)))
        .Concat([Column(s, nameof(ProgressSnapshot.InputCount)), Column(s, nameof(ProgressSnapshot.StaleKeyResultCount)), Column(s, nameof(ProgressSnapshot.IsFinal)), Column(s, nameof(ProgressSnapshot.TakenAt))]));

    /// <summary>
    /// One INSERT … SELECT copying every goal's, key result's and action's stored progress and confidence of a period
    /// ({0}) for a date ({1}), with its inputs (a key result's or action's check-ins, a goal's key results); {2} is
    /// IsFinal, {3} the time taken. Names come from the model, so the statement follows the mapping on either database.
    /// </summary>
    private static string CopySql(IModel model)
    {
        var s = model.FindEntityType(typeof(ProgressSnapshot))!;
        var g = model.FindEntityType(typeof(Goal))!;
        var k = model.FindEntityType(typeof(KeyResult))!;
        var a = model.FindEntityType(typeof(LeaderAction))!;
        var c = model.FindEntityType(typeof(CheckIn))!;
        var zeros = string.Join(", ", FigureNames.Skip(2).Select(_ => "0"));
        string Row(string kind, string alias, IEntityType type, string unit, string inputs) =>
            $$"""
            SELECT '{{kind}}', {{alias}}.{{Column(type, "Id")}}, {{alias}}.{{Column(type, "PeriodId")}}, {1}, {{unit}}, {{alias}}.{{Column(type, "Progress")}},
                {{alias}}.{{Column(type, "Confidence")}}, {{zeros}}, {{inputs}}, 0, {2}, {3}
            """;
        string CheckIns(string subject, string alias, IEntityType type) =>
            $"(SELECT COUNT(*) FROM {Table(c)} c WHERE c.{Column(c, subject)} = {alias}.{Column(type, "Id")})";

        return $$"""
            INSERT INTO {{Table(s)}} AS t ({{Columns(s)}})
            {{Row(nameof(FigureSubject.Goal), "g", g, $"g.{Column(g, nameof(Goal.OwnerUnitId))}", $"g.{Share(g, nameof(GoalShare.KeyResults))}")}}
            FROM {{Table(g)}} g WHERE g.{{Column(g, nameof(Goal.PeriodId))}} = {0}
            UNION ALL
            {{Row(nameof(FigureSubject.KeyResult), "k", k, $"g.{Column(g, nameof(Goal.OwnerUnitId))}", CheckIns(nameof(CheckIn.KeyResultId), "k", k))}}
            FROM {{Table(k)}} k JOIN {{Table(g)}} g ON g.{{Column(g, "Id")}} = k.{{Column(k, nameof(KeyResult.GoalId))}} WHERE k.{{Column(k, nameof(KeyResult.PeriodId))}} = {0}
            UNION ALL
            {{Row(nameof(FigureSubject.Action), "a", a, $"a.{Column(a, nameof(LeaderAction.OrgUnitId))}", CheckIns(nameof(CheckIn.ActionId), "a", a))}}
            FROM {{Table(a)}} a WHERE a.{{Column(a, nameof(LeaderAction.PeriodId))}} = {0}
            {{Upsert(s, inputCountOf: nameof(FigureSubject.Goal))}}
            """;
    }

    /// <summary>
    /// The conflict clause of the copies: a row already there for the subject, period and date is updated only where a
    /// value differs (null-safe), so a re-run writes only what moved; <c>TakenAt</c> is not compared, it moves with the
    /// values. <paramref name="inputCountOf"/> names a kind whose input count the copy does not know (a goal's): not
    /// compared or written for that kind, it is set afterwards.
    /// </summary>
    private static string Upsert(IEntityType s, string? inputCountOf)
    {
        var kind = Column(s, nameof(ProgressSnapshot.SubjectKind));
        var inputCount = Column(s, nameof(ProgressSnapshot.InputCount));
        var key = new[] { kind, Column(s, nameof(ProgressSnapshot.SubjectId)), Column(s, nameof(ProgressSnapshot.PeriodId)), Column(s, nameof(ProgressSnapshot.Date)) };
        var compared = new[] { Column(s, nameof(ProgressSnapshot.OrgUnitId)) }
            .Concat(FigureNames.Select(n => Figure(s, n)))
            .Concat([Column(s, nameof(ProgressSnapshot.StaleKeyResultCount)), Column(s, nameof(ProgressSnapshot.IsFinal))])
            .ToList();
        var (setInputs, compareInputs) = inputCountOf is null
            ? ($"{inputCount} = excluded.{inputCount}", $"t.{inputCount} <> excluded.{inputCount}")
            : ($"{inputCount} = CASE WHEN t.{kind} = '{inputCountOf}' THEN t.{inputCount} ELSE excluded.{inputCount} END",
                $"(t.{kind} <> '{inputCountOf}' AND t.{inputCount} <> excluded.{inputCount})");
        var taken = Column(s, nameof(ProgressSnapshot.TakenAt));
        return $"""
            ON CONFLICT ({string.Join(", ", key)}) DO UPDATE SET
                {string.Join(", ", compared.Select(c => $"{c} = excluded.{c}"))}, {setInputs}, {taken} = excluded.{taken}
            WHERE {string.Join(" OR ", compared.Select(c => $"t.{c} IS DISTINCT FROM excluded.{c}"))} OR {compareInputs}
            """;
    }

    private static string Table(IEntityType type) => Quote(type.GetTableName()!);

    private static string Column(IEntityType type, string property) => Name(type, type.FindProperty(property)!);

    private static string Figure(IEntityType type, string property) =>
        Name(type, type.FindComplexProperty(nameof(ProgressSnapshot.Figures))!.ComplexType.FindProperty(property)!);

    private static string Share(IEntityType type, string property) =>
        Name(type, type.FindComplexProperty(nameof(Goal.Share))!.ComplexType.FindProperty(property)!);

    // The runtime model answers a column's name for a given table (complex properties are prefixed, e.g. Share_KeyResults).
    private static string Name(IEntityType type, IProperty property) =>
        Quote(property.GetColumnName(StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema()))!);

    private static string Quote(string name) => $"\"{name}\"";
}
