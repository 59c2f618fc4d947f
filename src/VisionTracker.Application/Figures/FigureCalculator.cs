using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Figures;

/// <summary>
/// Recomputes every stored figure of a period from its inputs with the rules in <see cref="Rollup"/>: key results,
/// actions, goals (bottom-up through parent goals), themes and org units (whole subtrees). Commands call it after
/// their change; the nightly job calls it to repair drift. It returns how many stored values it had to change.
/// </summary>
public sealed class FigureCalculator(IVisionTrackerDbContext db, TimeProvider clock)
{
    private const double Tolerance = 1e-9;

    public async Task<int> RecalculatePeriodAsync(Guid periodId, CancellationToken ct)
    {
        var changed = 0;
        var goals = await db.Goals
            .Include(g => g.KeyResults).ThenInclude(k => k.Milestones)
            .Include(g => g.Alignments)
            .Include(g => g.Collaborations)
            .Where(g => g.PeriodId == periodId)
            .AsSplitQuery()
            .ToListAsync(ct);
        var actions = await db.Actions.Include(a => a.Collaborations).Where(a => a.PeriodId == periodId).ToListAsync(ct);
        var latest = await LatestConfidencesAsync(periodId, ct);

        foreach (var kr in goals.SelectMany(g => g.KeyResults))
        {
            changed += Set(kr.Progress, kr.ComputeProgress(), v => kr.Progress = v!.Value);
            changed += Set(kr.Confidence, latest.GetValueOrDefault(kr.Id), v => kr.Confidence = v);
        }

        foreach (var action in actions)
        {
            changed += Set(action.Progress, Rollup.ActionProgress(action.State, action.ReportedProgress), v => action.Progress = v);
            changed += Set(action.Confidence, latest.GetValueOrDefault(action.Id), v => action.Confidence = v);
        }

        var actionsByGoal = actions.Where(a => a.State != ActionState.Cancelled).ToLookup(a => a.GoalId);
        foreach (var goal in goals)
        {
            var crosses = CrossesBoundary(goal, actionsByGoal[goal.Id]);
            if (goal.CrossesBoundary != crosses)
            {
                goal.CrossesBoundary = crosses;
                changed++;
            }
        }

        var children = goals.Where(g => g.ParentGoalId is not null).ToLookup(g => g.ParentGoalId!.Value);
        var done = new HashSet<Guid>();
        foreach (var goal in goals)
        {
            changed += RollGoal(goal, children, done);
        }

        changed += await RecalculateAreaFiguresAsync(periodId, goals, actions, ct);
        return changed;
    }

    private static int RollGoal(Goal goal, ILookup<Guid, Goal> children, HashSet<Guid> done)
    {
        if (!done.Add(goal.Id))
        {
            return 0;
        }

        var changed = 0;
        var kids = children[goal.Id].Where(c => c.CountsInParent).ToList();
        foreach (var child in kids)
        {
            changed += RollGoal(child, children, done);
        }

        var progress = Rollup.GoalProgress(goal.KeyResults.Select(k => (k.Progress, k.Weight)), kids.Select(c => c.Progress));
        var confidence = goal.KeyResults.Count > 0
            ? Rollup.MinConfidence(goal.KeyResults.Select(k => k.Confidence))
            : Rollup.MinConfidence(kids.Select(c => c.Confidence));
        changed += Set(goal.Progress, progress, v => goal.Progress = v);
        changed += Set(goal.Confidence, confidence, v => goal.Confidence = v);
        return changed;
    }

    private async Task<Dictionary<Guid, double?>> LatestConfidencesAsync(Guid periodId, CancellationToken ct)
    {
        var rows = await db.CheckIns.AsNoTracking()
            .Where(c => c.PeriodId == periodId)
            .Select(c => new { Subject = c.KeyResultId ?? c.ActionId, c.At, c.Id, c.Confidence })
            .ToListAsync(ct);
        return rows.Where(r => r.Subject is not null)
            .GroupBy(r => r.Subject!.Value)
            .ToDictionary(g => g.Key, g => (double?)g.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).First().Confidence);
    }

    private async Task<int> RecalculateAreaFiguresAsync(Guid periodId, List<Goal> goals, List<LeaderAction> actions, CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.Path }).ToListAsync(ct);
        var themeIds = await db.Themes.AsNoTracking().Select(t => t.Id).ToListAsync(ct);
        var unitPaths = units.ToDictionary(u => u.Id, u => u.Path);
        var liveActions = actions.Where(a => a.State != ActionState.Cancelled).ToList();
        var actionsByGoal = liveActions.ToLookup(a => a.GoalId);
        var krsWithAction = liveActions.Where(a => a.KeyResultId is not null).Select(a => a.KeyResultId!.Value).ToHashSet();

        var counted = goals.Where(g => g.CountsInFigures).ToList();
        var byUnit = AreaMembership.ByUnit(counted, unitPaths);

        var stored = await db.PeriodFigures.Where(f => f.PeriodId == periodId).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = 0;

        foreach (var unit in units)
        {
            changed += Apply(FigureSubject.OrgUnit, unit.Id, byUnit.GetValueOrDefault(unit.Id) ?? []);
        }

        foreach (var themeId in themeIds)
        {
            changed += Apply(FigureSubject.Theme, themeId, AreaMembership.ForTheme(counted, themeId));
        }

        return changed;

        int Apply(FigureSubject kind, Guid subjectId, List<Goal> set)
        {
            var figure = stored.FirstOrDefault(f => f.SubjectKind == kind && f.SubjectId == subjectId);
            if (figure is null)
            {
                figure = new PeriodFigure { SubjectKind = kind, SubjectId = subjectId, PeriodId = periodId };
                db.PeriodFigures.Add(figure);
                stored.Add(figure);
            }

            var krs = set.SelectMany(g => g.KeyResults).ToList();
            var computed = new FigureValues
            {
                Progress = Rollup.Mean(set.Select(g => g.Progress)),
                Confidence = Rollup.Mean(set.Select(g => g.Confidence)),
                GoalCount = set.Count,
                KeyResultCount = krs.Count,
                ActionCount = set.Sum(g => actionsByGoal[g.Id].Count()),
                AlignedGoalCount = set.Count(g => g.Alignments.Any(a => a.Counts)),
                KeyResultsWithActionCount = krs.Count(k => krsWithAction.Contains(k.Id)),
                OrphanGoalCount = set.Count(g => g.ParentGoalId is null && !g.Alignments.Any(a => a.Counts)),
                CollaboratingGoalCount = set.Count(g => g.CrossesBoundary),
            };
            var c = figure.Figures.CountDifferences(computed, Tolerance);
            if (c > 0)
            {
                figure.Figures = computed;
                figure.UpdatedAt = now;
            }

            return c;
        }
    }

    /// <summary>A goal collaborates across boundaries through its own links or those of its actions.</summary>
    private static bool CrossesBoundary(Goal goal, IEnumerable<LeaderAction> actions) =>
        goal.Collaborations.Any(c => c.CrossesBoundary(goal.OwnerUnitId))
        || actions.Any(a => a.Collaborations.Any(c => c.CrossesBoundary(a.OrgUnitId)));

    private static int Set(double? current, double? computed, Action<double?> assign)
    {
        if (current is null && computed is null)
        {
            return 0;
        }

        if (current is { } a && computed is { } b && Math.Abs(a - b) < Tolerance)
        {
            return 0;
        }

        assign(computed);
        return 1;
    }
}
