namespace VisionTracker.Application.Reporting;

/// <summary>A key result's figures on a day (KeyResultProgressAsOf), replayed from its check-ins; KeyResultProgress is today.</summary>
public sealed class KeyResultProgress
{
    /// <summary>The key result's id.</summary>
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public Guid GoalId { get; init; }
    public Guid PeriodId { get; init; }
    public string PeriodName { get; init; } = "";
    public Guid? DepartmentId { get; init; }
    public string? DepartmentName { get; init; }
    public double Progress { get; init; }
    public double? Confidence { get; init; }
    public DateTime? LastCheckInAt { get; init; }
    public double ExpectedProgress { get; init; }

    /// <summary>The status while its goal was running that day; null otherwise.</summary>
    public string? Status { get; init; }

    /// <summary>Its check-ins made by the end of the day.</summary>
    public int CheckInCount { get; init; }
    public DateOnly Date { get; init; }
}
