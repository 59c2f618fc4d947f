namespace VisionTracker.Application.Reporting;

/// <summary>The flat figures Power BI cannot aggregate itself; one row per area and period.</summary>
public abstract class AreaProgress
{
    protected AreaProgress()
    {
    }

    /// <summary>A row with the shared columns of <paramref name="shared"/> (an AsOf answer built in memory).</summary>
    protected AreaProgress(AreaProgress shared)
    {
        Id = shared.Id;
        PeriodId = shared.PeriodId;
        PeriodName = shared.PeriodName;
        Progress = shared.Progress;
        Confidence = shared.Confidence;
        ExpectedProgress = shared.ExpectedProgress;
        Status = shared.Status;
        GoalCount = shared.GoalCount;
        KeyResultCount = shared.KeyResultCount;
        ActionCount = shared.ActionCount;
        AlignedGoalCount = shared.AlignedGoalCount;
        AlignedShare = shared.AlignedShare;
        KeyResultsWithActionCount = shared.KeyResultsWithActionCount;
        OrphanGoalCount = shared.OrphanGoalCount;
        CollaboratingGoalCount = shared.CollaboratingGoalCount;
        CollaboratingShare = shared.CollaboratingShare;
        StaleKeyResultCount = shared.StaleKeyResultCount;
        SnapshotDate = shared.SnapshotDate;
        IsFinal = shared.IsFinal;
        CheckInCount = shared.CheckInCount;
    }

    /// <summary>The stored figure's id (also in an AsOf answer, which is replayed for the same theme or unit and period).</summary>
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

    /// <summary>Stale key results: now, as counted by the snapshot of <see cref="SnapshotDate"/> (null before the first one); in an AsOf answer, at the end of that day.</summary>
    public int? StaleKeyResultCount { get; init; }

    /// <summary>Now: the snapshot the stale count comes from. AsOf: the day asked, when a snapshot of that day exists (null otherwise).</summary>
    public DateOnly? SnapshotDate { get; init; }

    /// <summary>AsOf: true once the period's final snapshot (written at its close) is on or before the day asked.</summary>
    public bool IsFinal { get; init; }

    /// <summary>
    /// AsOf: how many check-ins (made by the end of the day) fed the figure, the check-ins of the key results of the goals
    /// counted; CheckInsAsOf lists them. Null in the current sets.
    /// </summary>
    public int? CheckInCount { get; init; }
}
