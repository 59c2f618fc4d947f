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

    /// <summary>The share of the period gone by now, as domain.md defines it (<see cref="FeedStatusColumns"/>).</summary>
    public double ExpectedProgress { get; init; }

    /// <summary>OnTrack, Behind, AtRisk or NoData while its goal runs (Active, not archived, in an Active period); null otherwise.</summary>
    public string? Status { get; init; }

    /// <summary>The department the row's unit lies in (null for the municipality itself, above every department).</summary>
    public Guid? DepartmentId { get; init; }

    public string? DepartmentName { get; init; }

    /// <summary>The level of the row's unit in the tree: 1 the municipality, 2 a department, 3 a division, 4 a unit.</summary>
    public int UnitLevel { get; init; }

    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public GoalRow? Goal { get; init; }
    public OrgUnitRow? Department { get; init; }
    public PersonRow? Owner { get; init; }
    public List<ActionRow> Actions { get; init; } = [];
    public List<CheckInRow> CheckIns { get; init; } = [];
}
