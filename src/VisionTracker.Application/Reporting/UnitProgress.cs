namespace VisionTracker.Application.Reporting;

/// <summary>An org unit's figures (its whole subtree) in a period: now (UnitProgress) or on a past day (UnitProgressAsOf).</summary>
public sealed class UnitProgress : AreaProgress
{
    public UnitProgress()
    {
    }

    internal UnitProgress(AreaProgress shared)
        : base(shared)
    {
    }

    public Guid UnitId { get; init; }
    public string UnitCode { get; init; } = "";
    public string UnitName { get; init; } = "";
    public string UnitKind { get; init; } = "";
    public Guid? ParentUnitId { get; init; }

    /// <summary>The department the unit lies in (itself for a department; null for the municipality).</summary>
    public Guid? DepartmentId { get; init; }

    public string? DepartmentName { get; init; }

    /// <summary>1 the municipality, 2 a department, 3 a division, 4 a unit.</summary>
    public int UnitLevel { get; init; }
}
