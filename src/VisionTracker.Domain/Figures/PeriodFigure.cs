namespace VisionTracker.Domain.Figures;

/// <summary>Stored per-period figures of a theme or an org unit (its whole subtree), kept current by the roll-up.</summary>
public sealed class PeriodFigure
{
    public long Id { get; init; }
    public FigureSubject SubjectKind { get; set; }
    public Guid SubjectId { get; set; }
    public Guid PeriodId { get; set; }
    public FigureValues Figures { get; set; }
    public DateTime UpdatedAt { get; set; }
}
