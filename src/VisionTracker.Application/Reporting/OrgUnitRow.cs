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
    public OrgUnitRow? Parent { get; init; }
    public List<OrgUnitRow> Children { get; init; } = [];

    /// <summary>Goals the unit owns (not its subtree's; UnitProgress rolls those up).</summary>
    public List<GoalRow> Goals { get; init; } = [];
}
