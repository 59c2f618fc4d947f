namespace VisionTracker.Domain.Figures;

/// <summary>
/// The figures stored for a subject in a period, in one place for <see cref="PeriodFigure"/> (now) and
/// <see cref="ProgressSnapshot"/> (on a day): progress and confidence, and for themes and org units the counts behind
/// the alignment figures (0 for goals, key results and actions). A value: equal when every figure is.
/// </summary>
public readonly record struct FigureValues
{
    public double? Progress { get; init; }
    public double? Confidence { get; init; }

    /// <summary>Active, non-archived goals counted.</summary>
    public int GoalCount { get; init; }

    public int KeyResultCount { get; init; }
    public int ActionCount { get; init; }
    public int AlignedGoalCount { get; init; }
    public int KeyResultsWithActionCount { get; init; }
    public int OrphanGoalCount { get; init; }
    public int CollaboratingGoalCount { get; init; }

    /// <summary>How many of the figures differ from <paramref name="other"/> (progress and confidence within <paramref name="tolerance"/>).</summary>
    public int CountDifferences(FigureValues other, double tolerance) =>
        Differs(Progress, other.Progress, tolerance) + Differs(Confidence, other.Confidence, tolerance)
        + Differs(GoalCount, other.GoalCount) + Differs(KeyResultCount, other.KeyResultCount) + Differs(ActionCount, other.ActionCount)
        + Differs(AlignedGoalCount, other.AlignedGoalCount) + Differs(KeyResultsWithActionCount, other.KeyResultsWithActionCount)
        + Differs(OrphanGoalCount, other.OrphanGoalCount) + Differs(CollaboratingGoalCount, other.CollaboratingGoalCount);

    private static int Differs(double? a, double? b, double tolerance) =>
        (a, b) switch
        {
            (null, null) => 0,
            ({ } x, { } y) when Math.Abs(x - y) < tolerance => 0,
            _ => 1,
        };

    private static int Differs(int a, int b) => a == b ? 0 : 1;
}
