namespace VisionTracker.Application.Reporting;

public sealed class KeyResultRow
{
    public Guid Id { get; init; }
    public Guid GoalId { get; init; }
    public Guid PeriodId { get; init; }
    public Guid? OwnerId { get; init; }
    public string Title { get; init; } = "";
    public string MetricKind { get; init; } = "";
    public double StartValue { get; init; }
    public double TargetValue { get; init; }
    public double CurrentValue { get; init; }
    public string? Unit { get; init; }
    public string Direction { get; init; } = "";
    public double Weight { get; init; }
    public double Progress { get; init; }
    public double? Confidence { get; init; }
    public DateTime? LastCheckInAt { get; init; }
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public GoalRow? Goal { get; init; }
    public PersonRow? Owner { get; init; }
    public List<ActionRow> Actions { get; init; } = [];
    public List<CheckInRow> CheckIns { get; init; } = [];
}
