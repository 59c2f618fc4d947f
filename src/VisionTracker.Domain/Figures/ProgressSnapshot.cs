namespace VisionTracker.Domain.Figures;

public enum FigureSubject
{
    Goal,
    KeyResult,
    Action,
    Theme,
    OrgUnit,
}

/// <summary>One entity's figures on one day: the history behind trend charts and "as of" queries.</summary>
public sealed class ProgressSnapshot
{
    public long Id { get; init; }
    public FigureSubject SubjectKind { get; set; }
    public Guid SubjectId { get; set; }
    public Guid PeriodId { get; set; }
    public DateOnly Date { get; set; }
    public double? Progress { get; set; }
    public double? Confidence { get; set; }
    public int InputCount { get; set; }
}
