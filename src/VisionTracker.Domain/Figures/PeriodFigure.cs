namespace VisionTracker.Domain.Figures;

/// <summary>Stored per-period figures of a theme or an org unit (its whole subtree), kept current by the roll-up.</summary>
public sealed class PeriodFigure
{
    public long Id { get; init; }
    public FigureSubject SubjectKind { get; set; }
    public Guid SubjectId { get; set; }
    public Guid PeriodId { get; set; }
    public double? Progress { get; set; }
    public double? Confidence { get; set; }

    /// <summary>Active, non-archived goals counted.</summary>
    public int GoalCount { get; set; }

    public int KeyResultCount { get; set; }
    public int ActionCount { get; set; }
    public int AlignedGoalCount { get; set; }
    public int KeyResultsWithActionCount { get; set; }
    public int OrphanGoalCount { get; set; }
    public int CollaboratingGoalCount { get; set; }
    public DateTime UpdatedAt { get; set; }
}
