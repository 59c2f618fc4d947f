namespace VisionTracker.Application.Reporting;

/// <summary>A goal's figures on a day (GoalProgressAsOf), replayed from the check-ins and the audited history; GoalProgress is today.</summary>
public sealed class GoalProgress
{
    /// <summary>The goal's id.</summary>
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public Guid PeriodId { get; init; }
    public string PeriodName { get; init; } = "";
    public Guid OwnerUnitId { get; init; }
    public Guid? DepartmentId { get; init; }
    public string? DepartmentName { get; init; }
    public Guid? ParentGoalId { get; init; }

    /// <summary>The goal's state on that day.</summary>
    public string State { get; init; } = "";
    public bool IsArchived { get; init; }
    public double? Progress { get; init; }
    public double? Confidence { get; init; }
    public double ExpectedProgress { get; init; }

    /// <summary>OnTrack, Behind, AtRisk or NoData for a goal that was running that day (Active, in its period's days); null otherwise.</summary>
    public string? Status { get; init; }
    public int KeyResultCount { get; init; }

    /// <summary>Check-ins made by the end of the day on the key results its progress came from (its own, or its counted child goals').</summary>
    public int CheckInCount { get; init; }
    public DateOnly Date { get; init; }
}
