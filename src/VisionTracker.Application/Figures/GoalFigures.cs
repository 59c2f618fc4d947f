using VisionTracker.Domain.Figures;

namespace VisionTracker.Application.Figures;

/// <summary>A goal's figures from its inputs, with the rules of <see cref="Rollup"/> and <see cref="FigureRules"/>; used by both the update and the recomputation.</summary>
internal static class GoalFigures
{
    /// <summary>Progress and confidence from the key results, or, without any, from the child goals that count in it.</summary>
    public static (double? Progress, double? Confidence) Roll(IReadOnlyCollection<GoalKeyResult> keyResults, IEnumerable<ChildGoal> children)
    {
        var counted = children.Where(c => c.CountsInParent).ToList();
        var progress = Rollup.GoalProgress(keyResults.Select(k => (k.Progress, k.Weight)), counted.Select(c => c.Progress));
        var confidence = keyResults.Count > 0
            ? Rollup.MinConfidence(keyResults.Select(k => k.Confidence))
            : Rollup.MinConfidence(counted.Select(c => c.Confidence));
        return (progress, confidence);
    }

    /// <summary>
    /// What the goal has that its areas count: whether it counts, its key results, live actions and key results with
    /// one, its counting alignments (and so whether it is aligned or an orphan), and whether it or one of its live
    /// actions collaborates across a boundary.
    /// </summary>
    public static GoalFigureState Structure(
        GoalFigureState goal,
        IReadOnlyCollection<GoalKeyResult> keyResults,
        IEnumerable<GoalAlignment> alignments,
        IEnumerable<GoalAction> actions,
        ILookup<Guid, GoalCollaboration> collaborationsByOwner)
    {
        var themes = alignments.Where(a => FigureRules.AlignmentCountsCompiled(a.ReviewState)).Select(a => a.ThemeId).Distinct().Order().ToList();
        var live = actions.Where(a => FigureRules.ActionIsLiveCompiled(a.State)).ToList();
        var withAction = live.Where(a => a.KeyResultId is not null).Select(a => a.KeyResultId!.Value).ToHashSet();
        var crosses = collaborationsByOwner[goal.Id].Any(c => Crosses(c, goal.OwnerUnitId))
            || live.Any(a => collaborationsByOwner[a.Id].Any(c => Crosses(c, a.OrgUnitId)));
        var share = new GoalShare
        {
            Counted = FigureRules.GoalCountsCompiled(goal.State, goal.IsArchived),
            KeyResults = keyResults.Count,
            Actions = live.Count,
            KeyResultsWithAction = keyResults.Count(k => withAction.Contains(k.Id)),
            Aligned = themes.Count > 0,
            Orphan = goal.ParentGoalId is null && themes.Count == 0,
        };
        return goal with { Share = share, CrossesBoundary = crosses, ThemeIds = themes };
    }

    /// <summary>Every goal of a period from its inputs, bottom-up through parent goals (a cycle is refused).</summary>
    public static Dictionary<Guid, GoalFigureState> RollAll(
        IReadOnlyCollection<GoalFigureState> goals,
        IEnumerable<GoalKeyResult> keyResults,
        ILookup<Guid, GoalAlignment> alignments,
        ILookup<Guid, GoalAction> actions,
        ILookup<Guid, GoalCollaboration> collaborations)
    {
        var krs = keyResults.ToLookup(k => k.GoalId);
        var children = goals.Where(g => g.ParentGoalId is not null).ToLookup(g => g.ParentGoalId!.Value);
        var done = new Dictionary<Guid, GoalFigureState>();

        GoalFigureState RollOne(GoalFigureState goal, int depth)
        {
            if (done.TryGetValue(goal.Id, out var known))
            {
                return known;
            }

            if (depth > goals.Count)
            {
                throw new InvalidOperationException("The goal tree has a cycle of parent goals.");
            }

            var kids = children[goal.Id].Select(c => RollOne(c, depth + 1))
                .Select(c => new ChildGoal(c.Id, goal.Id, c.Progress, c.Confidence, c.State, c.IsArchived));
            var own = krs[goal.Id].ToList();
            var (progress, confidence) = Roll(own, kids);
            var after = Structure(goal with { Progress = progress, Confidence = confidence }, own, alignments[goal.Id], actions[goal.Id], collaborations);
            return done[goal.Id] = after;
        }

        foreach (var goal in goals)
        {
            RollOne(goal, 0);
        }

        return done;
    }

    /// <summary>Every theme's and unit's totals in a period from the goals that count in it (zero for the others).</summary>
    public static Dictionary<AreaKey, AreaTotals> Areas(Guid periodId, IEnumerable<GoalFigureState> goals, IEnumerable<Guid> unitIds, IEnumerable<Guid> themeIds)
    {
        var totals = new Dictionary<AreaKey, AreaTotals>();
        foreach (var unit in unitIds)
        {
            totals[new AreaKey(periodId, FigureSubject.OrgUnit, unit)] = default;
        }

        foreach (var theme in themeIds)
        {
            totals[new AreaKey(periodId, FigureSubject.Theme, theme)] = default;
        }

        foreach (var goal in goals)
        {
            foreach (var area in goal.Areas)
            {
                totals[area] = totals.GetValueOrDefault(area) + goal.Totals;
            }
        }

        return totals;
    }

    private static bool Crosses(GoalCollaboration c, Guid ownUnitId) => FigureRules.CrossesBoundaryCompiled(c.Kind, c.PartnerUnitId, ownUnitId);
}
