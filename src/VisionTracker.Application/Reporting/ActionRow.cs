namespace VisionTracker.Application.Reporting;

public sealed class ActionRow
{
    public Guid Id { get; init; }
    public Guid? GoalId { get; init; }
    public Guid? KeyResultId { get; init; }
    public Guid PeriodId { get; init; }
    public Guid OrgUnitId { get; init; }
    public Guid? OwnerId { get; init; }
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public DateOnly? DueDate { get; init; }
    public string State { get; init; } = "";
    public string? CitizenValue { get; init; }
    public string CoCreationLevel { get; init; } = "";
    public bool GreenTransition { get; init; }
    public double ReportedProgress { get; init; }
    public double? Progress { get; init; }
    public double? Confidence { get; init; }
    public DateTime? LastCheckInAt { get; init; }
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public GoalRow? Goal { get; init; }
    public KeyResultRow? KeyResult { get; init; }
    public OrgUnitRow? OrgUnit { get; init; }
    public PersonRow? Owner { get; init; }
    public List<CheckInRow> CheckIns { get; init; } = [];
}
