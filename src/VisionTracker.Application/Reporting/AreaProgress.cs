namespace VisionTracker.Application.Reporting;

/// <summary>The flat figures Power BI cannot aggregate itself; one row per area and period.</summary>
public abstract class AreaProgress
{
    /// <summary>The stored figure's id, or the snapshot's id in an AsOf answer.</summary>
    public long Id { get; init; }
    public Guid PeriodId { get; init; }
    public string PeriodName { get; init; } = "";
    public double? Progress { get; init; }
    public double? Confidence { get; init; }

    /// <summary>The share of the period gone by (now, or at the end of the AsOf day), as domain.md defines it.</summary>
    public double ExpectedProgress { get; init; }

    /// <summary>OnTrack, Behind, AtRisk or NoData while the period is Active; null otherwise.</summary>
    public string? Status { get; init; }
    public int GoalCount { get; init; }
    public int KeyResultCount { get; init; }
    public int ActionCount { get; init; }
    public int AlignedGoalCount { get; init; }
    public double? AlignedShare { get; init; }
    public int KeyResultsWithActionCount { get; init; }
    public int OrphanGoalCount { get; init; }
    public int CollaboratingGoalCount { get; init; }
    public double? CollaboratingShare { get; init; }

    /// <summary>Stale key results as counted by the snapshot of <see cref="SnapshotDate"/> (null before the first one).</summary>
    public int? StaleKeyResultCount { get; init; }

    /// <summary>The snapshot the row (AsOf) or its stale count (now) comes from.</summary>
    public DateOnly? SnapshotDate { get; init; }

    /// <summary>True when the snapshot is the final one written at the period's close.</summary>
    public bool IsFinal { get; init; }
}
