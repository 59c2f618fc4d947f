using VisionTracker.Application.CheckIns;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Goals;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Actions;

public sealed record ActionSummaryDto
{
    public Guid Id { get; init; }
    public Guid GoalId { get; init; }
    public required string GoalTitle { get; init; }
    public Guid? KeyResultId { get; init; }
    public string? KeyResultTitle { get; init; }
    public Guid PeriodId { get; init; }
    public Guid OrgUnitId { get; init; }
    public Guid OwnerId { get; init; }
    public required string OwnerName { get; init; }
    public required string Title { get; init; }
    public DateOnly? DueDate { get; init; }
    public ActionState State { get; init; }
    public required FigureView Figures { get; init; }
    public DateTime? LastCheckInAt { get; init; }
    public bool IsStale { get; init; }
    public int Version { get; init; }
}

public sealed record ActionDetailDto
{
    public Guid Id { get; init; }
    public Guid GoalId { get; init; }
    public required string GoalTitle { get; init; }
    public Guid? KeyResultId { get; init; }
    public string? KeyResultTitle { get; init; }
    public Guid PeriodId { get; init; }
    public required string PeriodName { get; init; }
    public Guid OrgUnitId { get; init; }
    public required string OrgUnitName { get; init; }
    public Guid OwnerId { get; init; }
    public required string OwnerName { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public DateOnly? DueDate { get; init; }
    public ActionState State { get; init; }

    /// <summary>The states the action may move to next.</summary>
    public IReadOnlyList<ActionState> AllowedStates { get; init; } = [];

    public string? CitizenValue { get; init; }
    public CoCreationLevel CoCreationLevel { get; init; }
    public bool GreenTransition { get; init; }

    /// <summary>The last checked-in progress; the figure that counts (Done = 1, Cancelled = none) is in <see cref="Figures"/>.</summary>
    public double ReportedProgress { get; init; }

    public required FigureView Figures { get; init; }
    public DateTime? LastCheckInAt { get; init; }
    public bool IsStale { get; init; }
    public IReadOnlyList<CollaborationDto> Collaborations { get; init; } = [];

    /// <summary>Newest first.</summary>
    public IReadOnlyList<CheckInDto> CheckIns { get; init; } = [];

    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}
