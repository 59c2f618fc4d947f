using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Figures;

namespace VisionTracker.Application.Figures;

/// <summary>
/// Brings the figures a command can reach up to date before it commits, and no others: the key results and actions it
/// changed (from their stored inputs and newest check-in), their goals and the goals' ancestors (bottom-up, as far as a
/// figure moves), and the areas those goals count in (every unit on their unit's path, their themes, and so the vision),
/// by the difference between what each goal added before and adds now. The rules are those of <see cref="Rollup"/>;
/// <see cref="FigureCalculator"/> recomputes everything from scratch with the same code and must find nothing to repair.
/// </summary>
public sealed class FigureUpdater(IVisionTrackerDbContext db, FigureChanges changes, FigureCalculator calculator, TimeProvider clock)
{
    internal const double Tolerance = 1e-9;
    private const int MaxDepth = 64;

    public async Task ApplyAsync(CancellationToken ct)
    {
        if (changes.IsEmpty)
        {
            return;
        }

        var writer = new FigureWriter(db, clock);
        var progressOf = new HashSet<Guid>(changes.ProgressOf);
        var structureOf = new HashSet<Guid>(changes.Goals);

        if (changes.KeyResults.Count > 0)
        {
            var ids = changes.KeyResults.ToList();
            foreach (var kr in await db.KeyResultInputs(db.KeyResults.Where(k => ids.Contains(k.Id))).ToListAsync(ct))
            {
                progressOf.Add(kr.GoalId);
                if (Differs(kr.Stored, kr.Computed))
                {
                    await writer.KeyResultAsync(kr.Id, kr.Computed, ct);
                }
            }
        }

        if (changes.Actions.Count > 0)
        {
            var ids = changes.Actions.ToList();
            foreach (var action in await db.ActionInputs(db.Actions.Where(a => ids.Contains(a.Id))).ToListAsync(ct))
            {
                structureOf.Add(action.GoalId);
                if (Differs(action.Stored, action.Computed))
                {
                    await writer.ActionAsync(action.Id, action.Computed, ct);
                }
            }
        }

        if (progressOf.Count + structureOf.Count > 0)
        {
            await db.LockGoalTreesAsync(new GoalTrees([.. progressOf.Union(structureOf)]), ct);
            await RollGoalsAsync(writer, structureOf, progressOf, ct);
        }

        foreach (var period in changes.Periods)
        {
            await calculator.RecalculatePeriodAsync(period, ct);
        }

        changes.Clear();
    }

    /// <summary>
    /// Recomputes goals level by level: a goal whose figures move (or that changed state or place) sends its parent to
    /// the next level. Then each changed goal is written, and its areas get the difference it makes.
    /// </summary>
    private async Task RollGoalsAsync(FigureWriter writer, HashSet<Guid> structureOf, HashSet<Guid> progressOf, CancellationToken ct)
    {
        var stored = new Dictionary<Guid, GoalFigureState>();
        var computed = new Dictionary<Guid, GoalFigureState>();
        var pending = new HashSet<Guid>(structureOf.Union(progressOf));
        for (var depth = 0; pending.Count > 0; depth++)
        {
            if (depth > MaxDepth)
            {
                throw new InvalidOperationException("The goal tree is deeper than the roll-up follows; is there a cycle of parent goals?");
            }

            var ids = pending.ToList();
            pending.Clear();
            var unknown = ids.Where(id => !stored.ContainsKey(id)).ToList();
            foreach (var goal in await db.Goals.AsNoTracking().Where(g => unknown.Contains(g.Id)).GoalFigureStates().ToListAsync(ct))
            {
                stored[goal.Id] = goal;
            }

            var keyResults = (await db.KeyResults.AsNoTracking().Where(k => ids.Contains(k.GoalId)).GoalKeyResults().ToListAsync(ct)).ToLookup(k => k.GoalId);
            var children = (await db.Goals.AsNoTracking().Where(c => c.ParentGoalId != null && ids.Contains(c.ParentGoalId.Value)).ChildGoals().ToListAsync(ct))
                .Select(c => computed.TryGetValue(c.Id, out var now) ? c with { Progress = now.Progress, Confidence = now.Confidence } : c)
                .ToLookup(c => c.ParentGoalId);
            var structural = ids.Where(structureOf.Contains).ToList();
            var structure = structural.Count == 0 ? null : await StructureInputsAsync(structural, ct);

            foreach (var id in ids.Where(stored.ContainsKey))
            {
                var before = computed.GetValueOrDefault(id) ?? stored[id];
                var krs = keyResults[id].ToList();
                var (progress, confidence) = GoalFigures.Roll(krs, children[id]);
                var after = before with { Progress = progress, Confidence = confidence };
                if (structure is not null && structureOf.Remove(id))
                {
                    after = GoalFigures.Structure(after, krs, structure.Alignments[id], structure.Actions[id], structure.Collaborations);
                    if (after.ParentGoalId is { } parent)
                    {
                        pending.Add(parent);
                    }
                }

                if (!after.SameFigures(before))
                {
                    computed[id] = after;
                    if (after.ParentGoalId is { } parent)
                    {
                        pending.Add(parent);
                    }
                }
            }
        }

        var differences = new Dictionary<AreaKey, AreaTotals>();
        foreach (var (id, after) in computed)
        {
            var before = stored[id];
            if (after.SameFigures(before))
            {
                continue;
            }

            await writer.GoalAsync(after, ct);
            Add(differences, before.Areas, -1, before.Totals);
            Add(differences, after.Areas, 1, after.Totals);
        }

        await writer.AddToAreasAsync(differences, ct);
    }

    private async Task<StructureInputs> StructureInputsAsync(List<Guid> goalIds, CancellationToken ct)
    {
        var alignments = await db.GoalThemes.AsNoTracking().Where(a => goalIds.Contains(a.GoalId)).GoalAlignments().ToListAsync(ct);
        var actions = await db.Actions.AsNoTracking().Where(a => goalIds.Contains(a.GoalId)).GoalActions().ToListAsync(ct);
        var actionIds = actions.Select(a => a.Id).ToList();
        var collaborations = await db.Collaborations.AsNoTracking()
            .Where(c => (c.GoalId != null && goalIds.Contains(c.GoalId.Value)) || (c.ActionId != null && actionIds.Contains(c.ActionId.Value)))
            .GoalCollaborations()
            .ToListAsync(ct);
        return new StructureInputs(
            alignments.ToLookup(a => a.GoalId),
            actions.ToLookup(a => a.GoalId),
            collaborations.ToLookup(c => (c.GoalId ?? c.ActionId)!.Value));
    }

    private static void Add(Dictionary<AreaKey, AreaTotals> differences, IEnumerable<AreaKey> areas, int sign, AreaTotals totals)
    {
        foreach (var area in areas)
        {
            var current = differences.GetValueOrDefault(area);
            differences[area] = sign > 0 ? current + totals : current - totals;
        }
    }

    private static bool Differs(KeyResultFigures a, KeyResultFigures b) =>
        !GoalFigureState.Same(a.CurrentValue, b.CurrentValue) || !GoalFigureState.Same(a.Progress, b.Progress)
        || !GoalFigureState.Same(a.Confidence, b.Confidence) || a.LastCheckInAt != b.LastCheckInAt;

    private static bool Differs(ActionFigures a, ActionFigures b) =>
        !GoalFigureState.Same(a.ReportedProgress, b.ReportedProgress) || !GoalFigureState.Same(a.Progress, b.Progress)
        || !GoalFigureState.Same(a.Confidence, b.Confidence) || a.LastCheckInAt != b.LastCheckInAt;

    private sealed record StructureInputs(
        ILookup<Guid, GoalAlignment> Alignments, ILookup<Guid, GoalAction> Actions, ILookup<Guid, GoalCollaboration> Collaborations);
}
