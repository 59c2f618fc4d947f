using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Figures;

namespace VisionTracker.Application.Figures;

/// <summary>
/// Recomputes every stored figure of a period from its inputs, with the same code as <see cref="FigureUpdater"/>: key
/// results and actions (from their newest check-in by time), goals bottom-up through parent goals, and every theme and
/// org unit from the goals that count in it. It reads each input once (a handful of set queries, no entity tracking),
/// computes in memory and writes only what differs: the nightly repair, and the oracle the tests hold the updates to.
/// Returns how many stored values it had to change.
/// </summary>
public sealed class FigureCalculator(IVisionTrackerDbContext db, TimeProvider clock)
{
    /// <param name="found">When given, a line per repaired subject saying what differed (for tests and logs).</param>
    public async Task<int> RecalculatePeriodAsync(Guid periodId, CancellationToken ct, IList<string>? found = null)
    {
        var writer = new FigureWriter(db, clock);
        var repairs = 0;

        var keyResults = await db.KeyResultInputs(db.KeyResults.AsNoTracking().Where(k => k.PeriodId == periodId)).ToListAsync(ct);
        var progress = new Dictionary<Guid, KeyResultFigures>();
        foreach (var kr in keyResults)
        {
            var computed = progress[kr.Id] = kr.Computed;
            var changed = Changes(kr.Stored, computed);
            if (changed > 0)
            {
                found?.Add($"KeyResult {kr.Id}: stored {kr.Stored}, computed {computed}");
                repairs += changed;
                await writer.KeyResultAsync(kr.Id, computed, ct);
            }
        }

        var actions = await db.ActionInputs(db.Actions.AsNoTracking().Where(a => a.PeriodId == periodId)).ToListAsync(ct);
        foreach (var action in actions)
        {
            var changed = Changes(action.Stored, action.Computed);
            if (changed > 0)
            {
                found?.Add($"Action {action.Id}: stored {action.Stored}, computed {action.Computed}");
                repairs += changed;
                await writer.ActionAsync(action.Id, action.Computed, ct);
            }
        }

        var goals = await db.Goals.AsNoTracking().Where(g => g.PeriodId == periodId).GoalFigureStates().ToListAsync(ct);
        var computedGoals = await RollGoalsAsync(
            periodId, goals, keyResults.Select(k => new GoalKeyResult(k.GoalId, k.Id, progress[k.Id].Progress, k.Weight, progress[k.Id].Confidence)),
            actions.Select(a => a.ForGoal).ToLookup(a => a.GoalId), ct);
        foreach (var goal in goals)
        {
            var after = computedGoals[goal.Id];
            var changed = Changes(goal, after);
            if (changed > 0)
            {
                found?.Add($"Goal {goal.Id}: stored {Describe(goal)}, computed {Describe(after)}");
                repairs += changed;
                await writer.GoalAsync(after, ct);
            }
        }

        repairs += await RecalculateAreasAsync(periodId, computedGoals.Values, writer, found, ct);
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }

        return repairs;
    }

    private async Task<Dictionary<Guid, GoalFigureState>> RollGoalsAsync(
        Guid periodId, List<GoalFigureState> goals, IEnumerable<GoalKeyResult> keyResults, ILookup<Guid, GoalAction> actions, CancellationToken ct)
    {
        var alignments = (await db.GoalThemes.AsNoTracking().Where(a => a.Goal!.PeriodId == periodId).GoalAlignments().ToListAsync(ct)).ToLookup(a => a.GoalId);
        // Joined from the period's goals and actions (a collaboration has exactly one owner), not tested row by row.
        var collaborations = (await db.Goals.AsNoTracking().Where(g => g.PeriodId == periodId).SelectMany(g => g.Collaborations)
                .Concat(db.Actions.AsNoTracking().Where(a => a.PeriodId == periodId).SelectMany(a => a.Collaborations))
                .GoalCollaborations()
                .ToListAsync(ct))
            .ToLookup(c => (c.GoalId ?? c.ActionId)!.Value);
        return GoalFigures.RollAll(goals, keyResults, alignments, actions, collaborations);
    }

    /// <summary>Every theme's and unit's figures from the goals that count in it; rows that differ are replaced.</summary>
    private async Task<int> RecalculateAreasAsync(
        Guid periodId, IEnumerable<GoalFigureState> goals, FigureWriter writer, IList<string>? found, CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().Select(u => u.Id).ToListAsync(ct);
        var themes = await db.Themes.AsNoTracking().Select(t => t.Id).ToListAsync(ct);
        var totals = GoalFigures.Areas(periodId, goals, units, themes);

        var stored = await db.PeriodFigures.AsNoTracking().Where(f => f.PeriodId == periodId).ToListAsync(ct);
        var byKey = stored.ToDictionary(f => new AreaKey(f.PeriodId, f.SubjectKind, f.SubjectId));
        var repairs = 0;
        foreach (var (key, computed) in totals.OrderBy(t => t.Key.Kind).ThenBy(t => t.Key.SubjectId))
        {
            var changed = byKey.TryGetValue(key, out var row) ? Changes(row, computed) : 1;
            if (changed > 0)
            {
                found?.Add($"{key.Kind} {key.SubjectId}: stored {(row is null ? "nothing" : $"{row.Figures} by {row.Totals}")}, computed {computed}");
                repairs += changed;
                await writer.SetAreaAsync(key, computed, ct);
            }
        }

        return repairs;
    }

    private static string Describe(GoalFigureState g) =>
        $"progress {g.Progress}, confidence {g.Confidence}, crosses {g.CrossesBoundary}, {g.Share}, themes [{string.Join(", ", g.ThemeIds)}]";

    private static int Changes(KeyResultFigures a, KeyResultFigures b) =>
        Differs(a.CurrentValue, b.CurrentValue) + Differs(a.Progress, b.Progress) + Differs(a.Confidence, b.Confidence) + (a.LastCheckInAt == b.LastCheckInAt ? 0 : 1);

    private static int Changes(ActionFigures a, ActionFigures b) =>
        Differs(a.ReportedProgress, b.ReportedProgress) + Differs(a.Progress, b.Progress) + Differs(a.Confidence, b.Confidence)
        + (a.LastCheckInAt == b.LastCheckInAt ? 0 : 1);

    private static int Changes(GoalFigureState a, GoalFigureState b) =>
        Differs(a.Progress, b.Progress) + Differs(a.Confidence, b.Confidence) + (a.CrossesBoundary == b.CrossesBoundary ? 0 : 1)
        + (a.Share == b.Share ? 0 : 1) + (a.ThemeIds.Order().SequenceEqual(b.ThemeIds.Order()) ? 0 : 1);

    /// <summary>The figures as stored (what reads show) and the sums and counts they are kept by.</summary>
    private static int Changes(PeriodFigure a, AreaTotals b) =>
        a.Figures.CountDifferences(b.Figures, FigureUpdater.Tolerance) + DiffersSum(a.ProgressSum, b.ProgressSum) + (a.ProgressCount == b.ProgressCount ? 0 : 1)
        + DiffersSum(a.ConfidenceSum, b.ConfidenceSum) + (a.ConfidenceCount == b.ConfidenceCount ? 0 : 1);

    private static int Differs(double? a, double? b) => GoalFigureState.Same(a, b) ? 0 : 1;

    /// <summary>Sums kept by differences carry rounding of the order of their size times the number of updates: compared relatively.</summary>
    private static int DiffersSum(double a, double b) => Math.Abs(a - b) <= FigureUpdater.Tolerance * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b))) ? 0 : 1;
}
