namespace VisionTracker.Application.Reporting;

/// <summary>The stored figure of a theme or org unit in a period (kept current by every command); not a feed set.</summary>
public sealed class PeriodFigureRow
{
    public long Id { get; init; }
    public string SubjectKind { get; init; } = "";
    public Guid SubjectId { get; init; }
    public Guid PeriodId { get; init; }
    public double? Progress { get; init; }
    public double? Confidence { get; init; }
    public int GoalCount { get; init; }
    public int KeyResultCount { get; init; }
    public int ActionCount { get; init; }
    public int AlignedGoalCount { get; init; }
    public int KeyResultsWithActionCount { get; init; }
    public int OrphanGoalCount { get; init; }
    public int CollaboratingGoalCount { get; init; }
    public DateTime UpdatedAt { get; init; }
}
