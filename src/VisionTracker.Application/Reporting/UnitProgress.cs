namespace VisionTracker.Application.Reporting;

/// <summary>An org unit's figures (its whole subtree) in a period: now (UnitProgress) or on a past day (UnitProgressAsOf).</summary>
public sealed class UnitProgress : AreaProgress
{
    public Guid UnitId { get; init; }
    public string UnitCode { get; init; } = "";
    public string UnitName { get; init; } = "";
    public string UnitKind { get; init; } = "";
    public Guid? ParentUnitId { get; init; }
}
