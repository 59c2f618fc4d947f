namespace VisionTracker.Application.Reporting;

/// <summary>One subject's figures on one day, written by the nightly job (final at a period's close).</summary>
public sealed class ProgressSnapshotRow
{
    public long Id { get; init; }
    public string SubjectKind { get; init; } = "";
    public Guid SubjectId { get; init; }
    public Guid PeriodId { get; init; }
    public DateOnly Date { get; init; }
    public Guid? OrgUnitId { get; init; }
    public double? Progress { get; init; }
    public double? Confidence { get; init; }
    public int InputCount { get; init; }
    public int GoalCount { get; init; }
    public int KeyResultCount { get; init; }
    public int ActionCount { get; init; }
    public int AlignedGoalCount { get; init; }
    public int KeyResultsWithActionCount { get; init; }
    public int OrphanGoalCount { get; init; }
    public int CollaboratingGoalCount { get; init; }
    public int StaleKeyResultCount { get; init; }
    public bool IsFinal { get; init; }
    public DateTime TakenAt { get; init; }
    public PeriodRow? Period { get; init; }
    public OrgUnitRow? OrgUnit { get; init; }
}
