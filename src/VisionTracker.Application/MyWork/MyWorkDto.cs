using VisionTracker.Application.Figures;
using VisionTracker.Application.Goals;
using VisionTracker.Application.KeyResults;
using VisionTracker.Domain.Actions;

namespace VisionTracker.Application.MyWork;

/// <summary>A leader's start page: what needs a check-in, what is due, and where it counts.</summary>
public sealed record MyWorkDto
{
    public DateOnly Today { get; init; }
    public int StaleAfterDays { get; init; }

    /// <summary>Key results of running goals the caller owns (or whose goal they own): those needing a check-in first, then the longest unchecked.</summary>
    public IReadOnlyList<MyKeyResultDto> KeyResults { get; init; } = [];

    /// <summary>The caller's open actions, grouped by goal, the group with the earliest due date first.</summary>
    public IReadOnlyList<MyActionGroupDto> ActionGroups { get; init; } = [];
}

public sealed record MyKeyResultDto
{
    public required KeyResultSummaryDto KeyResult { get; init; }

    /// <summary>No check-in within <see cref="CheckInEveryDays"/> (its goal's unit's cadence; the stale limit by default).</summary>
    public bool NeedsCheckIn { get; init; }

    public int CheckInEveryDays { get; init; }
    public required FigureView Figures { get; init; }
    public IReadOnlyList<MilestoneDto> Milestones { get; init; } = [];
    public Guid GoalId { get; init; }
    public required string GoalTitle { get; init; }
    public required FigureView GoalFigures { get; init; }
    public required string PeriodName { get; init; }

    /// <summary>The themes the goal serves (alignments not rejected), with their figures for the period.</summary>
    public IReadOnlyList<ThemeFigureDto> Themes { get; init; } = [];
}

public sealed record MyActionGroupDto(Guid GoalId, string GoalTitle, IReadOnlyList<MyActionDto> Actions);

public sealed record MyActionDto
{
    public Guid Id { get; init; }
    public Guid GoalId { get; init; }
    public required string Title { get; init; }
    public string? KeyResultTitle { get; init; }
    public ActionState State { get; init; }
    public IReadOnlyList<ActionState> AllowedStates { get; init; } = [];
    public DateOnly? DueDate { get; init; }
    public bool IsOverdue { get; init; }

    /// <summary>Due within the reminder window (<c>Notifications:DueSoonDays</c>), today included.</summary>
    public bool IsDueSoon { get; init; }

    public double ReportedProgress { get; init; }
    public required FigureView Figures { get; init; }
    public bool CanCheckIn { get; init; }
    public int Version { get; init; }
}
