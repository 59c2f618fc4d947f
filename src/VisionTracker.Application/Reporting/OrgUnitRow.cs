namespace VisionTracker.Application.Reporting;

public sealed class OrgUnitRow
{
    public Guid Id { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public Guid? ParentId { get; init; }
    public int? CheckInCadenceDays { get; init; }
    public int Version { get; init; }

    /// <summary>The department the unit lies in (itself for a department; null for the municipality, above them all).</summary>
    public Guid? DepartmentId { get; init; }

    public string? DepartmentName { get; init; }

    /// <summary>The unit's level in the tree: 1 the municipality, 2 a department, 3 a division, 4 a unit.</summary>
    public int Level { get; init; }

    public OrgUnitRow? Parent { get; init; }
    public OrgUnitRow? Department { get; init; }
    public List<OrgUnitRow> Children { get; init; } = [];

    /// <summary>Goals the unit owns (not its subtree's; UnitProgress rolls those up).</summary>
    public List<GoalRow> Goals { get; init; } = [];
}
