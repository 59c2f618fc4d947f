namespace VisionTracker.Application.Reporting;

public sealed class GoalRow
{
    public Guid Id { get; init; }
    public Guid PeriodId { get; init; }
    public Guid OwnerUnitId { get; init; }
    public Guid? OwnerId { get; init; }
    public Guid? ParentGoalId { get; init; }
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string CitizenValue { get; init; } = "";
    public string CoCreationLevel { get; init; } = "";
    public bool GreenTransition { get; init; }
    public string State { get; init; } = "";
    public bool IsArchived { get; init; }
    public double? Progress { get; init; }
    public double? Confidence { get; init; }
    public bool CrossesBoundary { get; init; }

    /// <summary>The share of the goal's period gone by now, as domain.md defines it (<see cref="FeedStatusColumns"/>).</summary>
    public double ExpectedProgress { get; init; }

    /// <summary>OnTrack, Behind, AtRisk or NoData while the goal runs (Active, not archived, in an Active period); null otherwise.</summary>
    public string? Status { get; init; }

    /// <summary>The department the row's unit lies in (null for the municipality itself, above every department).</summary>
    public Guid? DepartmentId { get; init; }

    public string? DepartmentName { get; init; }

    /// <summary>The level of the row's unit in the tree: 1 the municipality, 2 a department, 3 a division, 4 a unit.</summary>
    public int UnitLevel { get; init; }

    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public PeriodRow? Period { get; init; }
    public OrgUnitRow? OwnerUnit { get; init; }
    public OrgUnitRow? Department { get; init; }
    public PersonRow? Owner { get; init; }
    public GoalRow? ParentGoal { get; init; }
    public List<KeyResultRow> KeyResults { get; init; } = [];
    public List<ActionRow> Actions { get; init; } = [];
    public List<ThemeRow> Themes { get; init; } = [];
    public List<CollaborationRow> Collaborations { get; init; } = [];

    /// <summary>The goal's free tags, e.g. "klima" (the green-transition flag and the co-creation level are columns of their own).</summary>
    public List<GoalTagRow> Tags { get; init; } = [];
}
