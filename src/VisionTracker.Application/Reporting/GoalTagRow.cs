namespace VisionTracker.Application.Reporting;

/// <summary>
/// One free tag of a goal (the GoalTags set, and a goal's Tags): filter goals with Tags/any(t: t/Tag eq 'klima'), count
/// goals per tag here. The goal's period, unit, department and state come along, so a tag can be grouped without a join.
/// </summary>
public sealed class GoalTagRow
{
    public Guid GoalId { get; init; }
    public string Tag { get; init; } = "";
    public Guid PeriodId { get; init; }
    public Guid OwnerUnitId { get; init; }

    /// <summary>The goal's state (Draft, Active, Achieved, Abandoned).</summary>
    public string GoalState { get; init; } = "";

    /// <summary>The department the goal's unit lies in (null for the municipality itself, above every department).</summary>
    public Guid? DepartmentId { get; init; }

    public string? DepartmentName { get; init; }

    /// <summary>The level of the goal's unit in the tree: 1 the municipality, 2 a department, 3 a division, 4 a unit.</summary>
    public int UnitLevel { get; init; }
}
