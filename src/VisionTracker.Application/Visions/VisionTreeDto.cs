using VisionTracker.Application.Figures;
using VisionTracker.Application.Goals;
using VisionTracker.Application.Periods;

namespace VisionTracker.Application.Visions;

public sealed record VisionTreeDto
{
    public Guid VisionId { get; init; }
    public required string VisionTitle { get; init; }
    public required string Narrative { get; init; }
    public required PeriodDto Period { get; init; }

    /// <summary>The whole organisation's figures for the period (the root unit's).</summary>
    public required FigureView Figures { get; init; }

    public IReadOnlyList<ThemeNodeDto> Themes { get; init; } = [];

    /// <summary>Goals the caller can see that serve no theme.</summary>
    public IReadOnlyList<GoalNodeDto> UnalignedGoals { get; init; } = [];
}

public sealed record ThemeNodeDto
{
    public Guid Id { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required FigureView Figures { get; init; }

    /// <summary>True when a filter is on: the figures are then the mean over the active goals shown, not the stored ones.</summary>
    public bool IsCut { get; init; }

    public int GoalCount { get; init; }
    public IReadOnlyList<GoalNodeDto> Goals { get; init; } = [];
}

public sealed record GoalNodeDto
{
    public Guid Id { get; init; }
    public required string Title { get; init; }
    public Guid OwnerUnitId { get; init; }
    public required string OwnerUnitName { get; init; }
    public required string OwnerName { get; init; }
    public Guid? ParentGoalId { get; init; }
    public required string State { get; init; }
    public required FigureView Figures { get; init; }
    public IReadOnlyList<KeyResultNodeDto> KeyResults { get; init; } = [];

    /// <summary>Actions linked to the goal but to none of its key results.</summary>
    public IReadOnlyList<GoalActionDto> Actions { get; init; } = [];
}

public sealed record KeyResultNodeDto
{
    public required KeyResultSummaryDto KeyResult { get; init; }
    public IReadOnlyList<GoalActionDto> Actions { get; init; } = [];
}
