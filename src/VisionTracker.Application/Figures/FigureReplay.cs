using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Figures;

/// <summary>A key result's figures as of a day, and the check-ins that fed them (those made by the end of the day).</summary>
public sealed record ReplayedKeyResult(Guid Id, Guid GoalId, double Progress, double? Confidence, DateTime? LastCheckInAt, int CheckInCount);

/// <summary>A goal's figures and state as of a day; <see cref="FedBy"/> are the key results whose check-ins fed its progress.</summary>
public sealed record ReplayedGoal(
    Guid Id, GoalState State, bool IsArchived, double? Progress, double? Confidence, int KeyResultCount, int CheckInCount, IReadOnlyList<Guid> FedBy);

/// <summary>A theme's or org unit's figures as of a day, with its stale key results then and the key results that fed it.</summary>
public sealed record ReplayedArea(FigureSubject Kind, Guid SubjectId, FigureValues Figures, int CheckInCount, int StaleKeyResultCount, IReadOnlyList<Guid> FedBy);

public sealed record PeriodReplay(
    Guid PeriodId, DateTime At, IReadOnlyDictionary<Guid, ReplayedKeyResult> KeyResults, IReadOnlyDictionary<Guid, ReplayedGoal> Goals, IReadOnlyList<ReplayedArea> Areas);

/// <summary>
/// A period's figures as they stood at an instant, recomputed from the inputs of that instant (<see cref="FigureHistory"/>)
/// by the code the nightly recomputation uses (<see cref="KeyResultInputs.Computed"/>, <see cref="GoalFigures.RollAll"/>,
/// <see cref="GoalFigures.Areas"/>): there is no second implementation of any figure. Nothing is written.
/// </summary>
public sealed class FigureReplay(IVisionTrackerDbContext db, FigureReader reader)
{
    public async Task<PeriodReplay> ReplayAsync(Guid periodId, DateTime at, CancellationToken ct)
    {
        var inputs = await new FigureHistory(db).InputsAsync(periodId, at, ct);
        var keyResults = inputs.KeyResults.ToDictionary(
            k => k.Inputs.Id,
            k => k.Inputs.Computed is var c ? new ReplayedKeyResult(k.Inputs.Id, k.Inputs.GoalId, c.Progress, c.Confidence, c.LastCheckInAt, k.CheckInCount) : null!);
        var createdAt = await db.KeyResults.AsNoTracking().Where(k => k.PeriodId == periodId).ToDictionaryAsync(k => k.Id, k => k.CreatedAt, ct);
        var goalKeyResults = inputs.KeyResults.Select(k => new GoalKeyResult(k.Inputs.GoalId, k.Inputs.Id, keyResults[k.Inputs.Id].Progress, k.Inputs.Weight, keyResults[k.Inputs.Id].Confidence)).ToList();
        var goalIds = inputs.Goals.Select(g => g.Id).ToHashSet();
        var rolled = GoalFigures.RollAll(
            inputs.Goals,
            goalKeyResults.Where(k => goalIds.Contains(k.GoalId)),
            inputs.Alignments.ToLookup(a => a.GoalId),
            inputs.Actions.ToLookup(a => a.GoalId),
            inputs.Collaborations.ToLookup(c => (c.GoalId ?? c.ActionId)!.Value));

        var own = goalKeyResults.ToLookup(k => k.GoalId, k => k.Id);
        var fedBy = new FedBy(rolled.Values, own);
        int CheckIns(IEnumerable<Guid> ids) => ids.Sum(id => keyResults[id].CheckInCount);

        var goals = rolled.Values.ToDictionary(g => g.Id, g => new ReplayedGoal(
            g.Id, g.State, g.IsArchived, g.Progress, g.Confidence, own[g.Id].Count(), CheckIns(fedBy.Of(g)), fedBy.Of(g)));

        var cutoff = Rollup.StaleCutoff(at, reader.StaleAfterDays);
        var replayedAreas = await AreasAsync(
            periodId, rolled.Values, own, fedBy, id => keyResults[id].CheckInCount,
            id => FigureRules.StaleBeforeCompiled(keyResults[id].LastCheckInAt, createdAt.GetValueOrDefault(id, at), cutoff), ct);

        return new PeriodReplay(periodId, at, keyResults, goals, replayedAreas);
    }

    /// <summary>
    /// A period's theme and org-unit figures now, as <see cref="ReplayAsync"/> gives them for now, without replaying:
    /// the areas are summed by the same code from the goals' stored figures (which the roll-up keeps equal to a full
    /// recompute, and so to today's replay), with each area's stale key results and the check-ins that fed it counted the
    /// same way from the key results' stored newest check-in and their check-ins made by now.
    /// </summary>
    public async Task<IReadOnlyList<ReplayedArea>> AreasNowAsync(Guid periodId, DateTime now, CancellationToken ct)
    {
        var goals = await db.Goals.AsNoTracking().Where(g => g.PeriodId == periodId && g.CreatedAt <= now).GoalFigureStates().ToListAsync(ct);
        var keyResults = await db.KeyResults.AsNoTracking().Where(k => k.PeriodId == periodId && k.CreatedAt <= now)
            .Select(k => new { k.Id, k.GoalId, k.LastCheckInAt, k.CreatedAt, CheckIns = db.CheckIns.Count(c => c.KeyResultId == k.Id && c.At <= now) })
            .ToDictionaryAsync(k => k.Id, ct);
        var own = keyResults.Values.ToLookup(k => k.GoalId, k => k.Id);
        var cutoff = Rollup.StaleCutoff(now, reader.StaleAfterDays);
        return await AreasAsync(
            periodId, goals, own, new FedBy(goals, own), id => keyResults[id].CheckIns,
            id => FigureRules.StaleBeforeCompiled(keyResults[id].LastCheckInAt, keyResults[id].CreatedAt, cutoff), ct);
    }

    /// <summary>Every theme's and unit's figures from its goals' (<see cref="GoalFigures.Areas"/>), with its stale key results and the check-ins that fed it.</summary>
    private async Task<List<ReplayedArea>> AreasAsync(
        Guid periodId, IReadOnlyCollection<GoalFigureState> goals, ILookup<Guid, Guid> own, FedBy fedBy, Func<Guid, int> checkIns, Func<Guid, bool> stale,
        CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().Select(u => u.Id).ToListAsync(ct);
        var themes = await db.Themes.AsNoTracking().Select(t => t.Id).ToListAsync(ct);
        var areas = GoalFigures.Areas(periodId, goals, units, themes);
        var members = goals.SelectMany(g => g.Areas.Select(a => (Area: a, Goal: g))).ToLookup(x => x.Area, x => x.Goal);
        return [.. areas.Select(a =>
        {
            var fed = members[a.Key].SelectMany(fedBy.Of).Distinct().ToList();
            return new ReplayedArea(
                a.Key.Kind, a.Key.SubjectId, a.Value.Figures, fed.Sum(checkIns), members[a.Key].SelectMany(g => own[g.Id]).Count(stale), fed);
        })];
    }

    /// <summary>The key results whose check-ins fed a goal's progress: its own, or when it has none its counted child goals'.</summary>
    private sealed class FedBy(IEnumerable<GoalFigureState> goals, ILookup<Guid, Guid> own)
    {
        private readonly ILookup<Guid, GoalFigureState> children = goals.Where(g => g.ParentGoalId is not null).ToLookup(g => g.ParentGoalId!.Value);
        private readonly Dictionary<Guid, IReadOnlyList<Guid>> known = [];

        public IReadOnlyList<Guid> Of(GoalFigureState goal) => known.TryGetValue(goal.Id, out var keys) ? keys
            : known[goal.Id] = own[goal.Id].Any() ? [.. own[goal.Id]] : [.. children[goal.Id].Where(c => c.CountsInParent).SelectMany(Of).Distinct()];
    }
}
