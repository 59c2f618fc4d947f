namespace VisionTracker.Application.Reporting;

public sealed class PeriodRow
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public DateOnly Start { get; init; }
    public DateOnly End { get; init; }
    public string State { get; init; } = "";
    public int Version { get; init; }
}
