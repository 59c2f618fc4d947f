using VisionTracker.Domain.Figures;

namespace VisionTracker.Application.Reporting;

/// <summary>The stored figure of a theme or org unit in a period (kept current by every command); not a feed set.</summary>
public sealed class PeriodFigureRow
{
    public long Id { get; init; }
    public string SubjectKind { get; init; } = "";
    public Guid SubjectId { get; init; }
    public Guid PeriodId { get; init; }
    public FigureValues Figures { get; init; }
    public DateTime UpdatedAt { get; init; }
}
