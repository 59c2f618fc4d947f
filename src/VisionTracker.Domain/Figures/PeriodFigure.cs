namespace VisionTracker.Domain.Figures;

/// <summary>
/// Stored per-period figures of a theme or an org unit (its whole subtree), kept current by the roll-up. Progress and
/// confidence are means; their sums and counts are kept beside them so a change can be applied as a difference.
/// </summary>
public sealed class PeriodFigure
{
    public long Id { get; init; }
    public FigureSubject SubjectKind { get; set; }
    public Guid SubjectId { get; set; }
    public Guid PeriodId { get; set; }
    public FigureValues Figures { get; set; }
    public double ProgressSum { get; set; }
    public int ProgressCount { get; set; }
    public double ConfidenceSum { get; set; }
    public int ConfidenceCount { get; set; }
    public DateTime UpdatedAt { get; set; }

    public AreaTotals Totals
    {
        get => new(
            Figures.GoalCount, ProgressSum, ProgressCount, ConfidenceSum, ConfidenceCount, Figures.KeyResultCount, Figures.ActionCount,
            Figures.AlignedGoalCount, Figures.KeyResultsWithActionCount, Figures.OrphanGoalCount, Figures.CollaboratingGoalCount);
        set
        {
            Figures = value.Figures;
            ProgressSum = value.ProgressSum;
            ProgressCount = value.ProgressCount;
            ConfidenceSum = value.ConfidenceSum;
            ConfidenceCount = value.ConfidenceCount;
        }
    }
}
