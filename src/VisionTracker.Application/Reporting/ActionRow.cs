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

    /// <summary>The department the row's unit lies in (null for the municipality itself, above every department).</summary>
    public Guid? DepartmentId { get; init; }

    public string? DepartmentName { get; init; }

    /// <summary>The level of the row's unit in the tree: 1 the municipality, 2 a department, 3 a division, 4 a unit.</summary>
    public int UnitLevel { get; init; }

    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public GoalRow? Goal { get; init; }
    public KeyResultRow? KeyResult { get; init; }
    public OrgUnitRow? OrgUnit { get; init; }
    public OrgUnitRow? Department { get; init; }
    public PersonRow? Owner { get; init; }
    public List<CheckInRow> CheckIns { get; init; } = [];
}
