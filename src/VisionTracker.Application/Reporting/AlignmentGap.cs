namespace VisionTracker.Application.Reporting;

/// <summary>Something a department head should look at: an orphan goal, a key result without an action, a stale key result.</summary>
public sealed class AlignmentGap
{
    /// <summary>OrphanGoal, KeyResultWithoutAction or StaleKeyResult.</summary>
    public string Kind { get; init; } = "";
    public Guid SubjectId { get; init; }
    public string Title { get; init; } = "";
    public Guid GoalId { get; init; }
    public string GoalTitle { get; init; } = "";
    public Guid OrgUnitId { get; init; }
    public string OrgUnitName { get; init; } = "";
    public Guid PeriodId { get; init; }
    public string PeriodName { get; init; } = "";

    /// <summary>Planning or Active; Closed only when asked for with <c>closedPeriods=true</c>.</summary>
    public string PeriodState { get; init; } = "";
    public Guid? OwnerId { get; init; }

    /// <summary>The owner's name, or null when the owner's home unit lies outside the caller's scope.</summary>
    public string? OwnerName { get; init; }
    public DateTime? LastCheckInAt { get; init; }
}
