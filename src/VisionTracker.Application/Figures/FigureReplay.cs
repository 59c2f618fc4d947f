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
        var children = rolled.Values.Where(g => g.ParentGoalId is not null).ToLookup(g => g.ParentGoalId!.Value);
        var fedBy = new Dictionary<Guid, IReadOnlyList<Guid>>();
        IReadOnlyList<Guid> FedBy(GoalFigureState goal) => fedBy.TryGetValue(goal.Id, out var known) ? known
            : fedBy[goal.Id] = own[goal.Id].Any() ? [.. own[goal.Id]] : [.. children[goal.Id].Where(c => c.CountsInParent).SelectMany(FedBy).Distinct()];
        int CheckIns(IEnumerable<Guid> ids) => ids.Sum(id => keyResults[id].CheckInCount);

        var goals = rolled.Values.ToDictionary(g => g.Id, g => new ReplayedGoal(
            g.Id, g.State, g.IsArchived, g.Progress, g.Confidence, own[g.Id].Count(), CheckIns(FedBy(g)), FedBy(g)));

        var cutoff = Rollup.StaleCutoff(at, reader.StaleAfterDays);
        var units = await db.OrgUnits.AsNoTracking().Select(u => u.Id).ToListAsync(ct);
        var themes = await db.Themes.AsNoTracking().Select(t => t.Id).ToListAsync(ct);
        var areas = GoalFigures.Areas(periodId, rolled.Values, units, themes);
        var members = rolled.Values.SelectMany(g => g.Areas.Select(a => (Area: a, Goal: g))).ToLookup(x => x.Area, x => x.Goal);
        var replayedAreas = areas.Select(a =>
        {
            var fed = members[a.Key].SelectMany(FedBy).Distinct().ToList();
            var stale = members[a.Key].SelectMany(g => own[g.Id])
                .Count(id => FigureRules.StaleBeforeCompiled(keyResults[id].LastCheckInAt, createdAt.GetValueOrDefault(id, at), cutoff));
            return new ReplayedArea(a.Key.Kind, a.Key.SubjectId, a.Value.Figures, CheckIns(fed), stale, fed);
        }).ToList();

        return new PeriodReplay(periodId, at, keyResults, goals, replayedAreas);
    }
}
