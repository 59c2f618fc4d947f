namespace VisionTracker.Domain.Figures;

/// <summary>
/// What a goal adds to the figures of the areas it belongs to (the org units on its unit's path and the themes it is
/// counted for), besides its progress and confidence: stored on the goal when the roll-up applies it, so the next change
/// can take exactly that away again. Zero in every count while the goal does not count.
/// </summary>
public readonly record struct GoalShare
{
    /// <summary>The goal counted in its areas (<see cref="FigureRules.GoalCounts"/>).</summary>
    public bool Counted { get; init; }

    public int KeyResults { get; init; }

    /// <summary>Live actions (<see cref="FigureRules.ActionIsLive"/>).</summary>
    public int Actions { get; init; }

    public int KeyResultsWithAction { get; init; }

    /// <summary>Aligned to at least one theme by an alignment that counts.</summary>
    public bool Aligned { get; init; }

    /// <summary>Neither aligned nor under a parent goal.</summary>
    public bool Orphan { get; init; }
}

/// <summary>
/// Sums and counts over the goals of an area, the form in which area figures can be updated by a difference: adding a
/// goal's share and taking its old one away. <see cref="Figures"/> turns them into what is read.
/// </summary>
public readonly record struct AreaTotals(
    int Goals,
    double ProgressSum,
    int ProgressCount,
    double ConfidenceSum,
    int ConfidenceCount,
    int KeyResults,
    int Actions,
    int AlignedGoals,
    int KeyResultsWithAction,
    int OrphanGoals,
    int CollaboratingGoals)
{
    public bool IsZero => this == default;

    /// <summary>One goal's contribution: nothing unless it counts.</summary>
    public static AreaTotals Of(GoalShare share, double? progress, double? confidence, bool crossesBoundary) =>
        !share.Counted
            ? default
            : new AreaTotals(
                1,
                progress ?? 0,
                progress is null ? 0 : 1,
                confidence ?? 0,
                confidence is null ? 0 : 1,
                share.KeyResults,
                share.Actions,
                share.Aligned ? 1 : 0,
                share.KeyResultsWithAction,
                share.Orphan ? 1 : 0,
                crossesBoundary ? 1 : 0);

    /// <summary>The area figures as read: progress and confidence are the means of the counted goals' (<see cref="Rollup.MeanOfSum"/>).</summary>
    public FigureValues Figures => new()
    {
        Progress = Rollup.Mean(ProgressSum, ProgressCount),
        Confidence = Rollup.Mean(ConfidenceSum, ConfidenceCount),
        GoalCount = Goals,
        KeyResultCount = KeyResults,
        ActionCount = Actions,
        AlignedGoalCount = AlignedGoals,
        KeyResultsWithActionCount = KeyResultsWithAction,
        OrphanGoalCount = OrphanGoals,
        CollaboratingGoalCount = CollaboratingGoals,
    };

    public static AreaTotals operator +(AreaTotals a, AreaTotals b) => new(
        a.Goals + b.Goals, a.ProgressSum + b.ProgressSum, a.ProgressCount + b.ProgressCount, a.ConfidenceSum + b.ConfidenceSum,
        a.ConfidenceCount + b.ConfidenceCount, a.KeyResults + b.KeyResults, a.Actions + b.Actions, a.AlignedGoals + b.AlignedGoals,
        a.KeyResultsWithAction + b.KeyResultsWithAction, a.OrphanGoals + b.OrphanGoals, a.CollaboratingGoals + b.CollaboratingGoals);

    public static AreaTotals operator -(AreaTotals a, AreaTotals b) => new(
        a.Goals - b.Goals, a.ProgressSum - b.ProgressSum, a.ProgressCount - b.ProgressCount, a.ConfidenceSum - b.ConfidenceSum,
        a.ConfidenceCount - b.ConfidenceCount, a.KeyResults - b.KeyResults, a.Actions - b.Actions, a.AlignedGoals - b.AlignedGoals,
        a.KeyResultsWithAction - b.KeyResultsWithAction, a.OrphanGoals - b.OrphanGoals, a.CollaboratingGoals - b.CollaboratingGoals);

    public static AreaTotals Add(AreaTotals a, AreaTotals b) => a + b;

    public static AreaTotals Subtract(AreaTotals a, AreaTotals b) => a - b;
}
