using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;

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

    /// <param name="treesLocked">
    /// The goal trees of every change are locked already: a batch's update (<c>BatchFigures</c>), whose commands each
    /// locked theirs in the batch's transaction before they changed anything, so taking them again is two round trips for nothing.
    /// </param>
    public async Task ApplyAsync(CancellationToken ct, bool treesLocked = false)
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
            if (!treesLocked)
            {
                await db.LockGoalTreesAsync(new GoalTrees([.. progressOf.Union(structureOf)]), ct);
            }

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
    /// the next level. Then each changed goal is written, and its areas get the difference it makes. The goals a level
    /// can reach are read ahead (<see cref="ReadChainsAsync"/>): the first level reads its goals' chains of ancestors at
    /// once, so the levels above it usually read nothing.
    /// </summary>
    private async Task RollGoalsAsync(FigureWriter writer, HashSet<Guid> structureOf, HashSet<Guid> progressOf, CancellationToken ct)
    {
        var read = new GoalChains();
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
            await ReadChainsAsync(read, ids.Where(id => !read.Goals.Contains(id)).ToList(), ct);
            var structural = ids.Where(structureOf.Contains).ToList();
            var structure = structural.Count == 0 ? null : await StructureInputsAsync(structural, ct);

            foreach (var id in ids.Where(read.Stored.ContainsKey))
            {
                var before = computed.GetValueOrDefault(id) ?? read.Stored[id];
                var krs = read.KeyResults[id].ToList();
                var children = read.Children[id].Select(c => computed.TryGetValue(c.Id, out var now) ? c with { Progress = now.Progress, Confidence = now.Confidence } : c);
                var (progress, confidence) = GoalFigures.Roll(krs, children);
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
            var before = read.Stored[id];
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

    /// <summary>
    /// Reads the stored figures of <paramref name="ids"/> and of all their ancestors (one recursive statement), then the
    /// key results and the child goals of all of them (one statement each): three statements for a goal however deep,
    /// where reading level by level took three per level. Nothing the roll-up writes is read here (goals are written after it).
    /// </summary>
    private async Task ReadChainsAsync(GoalChains read, List<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var chain = await db.Goals.FromSqlRaw(GoalChainSql.For(db.Model, ids.Count), [.. ids.Cast<object>()])
            .AsNoTracking().GoalFigureStates().ToListAsync(ct);
        var goals = ids.Concat(chain.Select(g => g.Id)).Where(read.Goals.Add).ToList();
        foreach (var goal in chain)
        {
            read.Stored[goal.Id] = goal;
        }

        read.Add(
            await db.KeyResults.AsNoTracking().Where(k => goals.Contains(k.GoalId)).GoalKeyResults().ToListAsync(ct),
            await db.Goals.AsNoTracking().Where(c => c.ParentGoalId != null && goals.Contains(c.ParentGoalId.Value)).ChildGoals().ToListAsync(ct));
    }

    /// <summary>What the roll-up has read: the goals it read for, their stored figures, key results and children.</summary>
    private sealed class GoalChains
    {
        private readonly List<GoalKeyResult> keyResults = [];
        private readonly List<ChildGoal> children = [];

        public HashSet<Guid> Goals { get; } = [];

        public Dictionary<Guid, GoalFigureState> Stored { get; } = [];

        public ILookup<Guid, GoalKeyResult> KeyResults { get; private set; } = Array.Empty<GoalKeyResult>().ToLookup(k => k.GoalId);

        public ILookup<Guid, ChildGoal> Children { get; private set; } = Array.Empty<ChildGoal>().ToLookup(c => c.ParentGoalId);

        public void Add(List<GoalKeyResult> moreKeyResults, List<ChildGoal> moreChildren)
        {
            keyResults.AddRange(moreKeyResults);
            children.AddRange(moreChildren);
            KeyResults = keyResults.ToLookup(k => k.GoalId);
            Children = children.ToLookup(c => c.ParentGoalId);
        }
    }

    /// <summary>
    /// The goals of <c>n</c> ids and all their ancestors, as a query EF Core composes on (it must begin with SELECT, so
    /// the recursive CTE is inside the IN): the ids enter as parameters, names come from the model, as in <see cref="AreaSql"/>.
    /// </summary>
    private static class GoalChainSql
    {
        private static readonly ConcurrentDictionary<(IModel Model, int Count), string> Built = new();

        public static string For(IModel model, int count) => Built.GetOrAdd((model, count), k =>
        {
            var goal = k.Model.FindEntityType(typeof(Goal))!;
            var table = StoreObjectIdentifier.Table(goal.GetTableName()!, goal.GetSchema());
            var id = $"\"{goal.FindProperty(nameof(Goal.Id))!.GetColumnName(table)}\"";
            var parent = $"\"{goal.FindProperty(nameof(Goal.ParentGoalId))!.GetColumnName(table)}\"";
            var ids = string.Join(", ", Enumerable.Range(0, k.Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{{{i}}}")));
            return $"""
                SELECT * FROM "{goal.GetTableName()}" WHERE {id} IN (
                    WITH RECURSIVE chain (id) AS (
                        SELECT {id} FROM "{goal.GetTableName()}" WHERE {id} IN ({ids})
                        UNION SELECT g.{parent} FROM "{goal.GetTableName()}" AS g JOIN chain AS c ON g.{id} = c.id WHERE g.{parent} IS NOT NULL)
                    SELECT id FROM chain)
                """;
        });
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
