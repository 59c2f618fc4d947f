using VisionTracker.Application.Figures;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Org;

public sealed record UnitGoalsDto
{
    public Guid UnitId { get; init; }
    public required string UnitName { get; init; }
    public Guid PeriodId { get; init; }
    public required string PeriodName { get; init; }

    /// <summary>The unit's whole subtree: mean progress of its active goals.</summary>
    public required FigureView Figures { get; init; }

    public required AlignmentFiguresDto Alignment { get; init; }
    public IReadOnlyList<FigureCutDto> Cuts { get; init; } = [];
    public IReadOnlyList<UnitGoalDto> Goals { get; init; } = [];
}

public sealed record AlignmentFiguresDto(
    int GoalCount, int KeyResultCount, int ActionCount, double? AlignedGoalShare, double? KeyResultsWithActionShare,
    int OrphanGoalCount, double? CollaborationShare, int StaleKeyResultCount);

/// <summary>The same figure cut by a tag or by collaboration: e.g. "greenTransition = true".</summary>
public sealed record FigureCutDto(string Dimension, string Value, int GoalCount, double? Progress);

public sealed record UnitGoalDto
{
    public Guid Id { get; init; }
    public required string Title { get; init; }
    public Guid OwnerUnitId { get; init; }
    public required string OwnerUnitName { get; init; }
    public GoalState State { get; init; }
    public bool GreenTransition { get; init; }
    public CoCreationLevel CoCreationLevel { get; init; }
    public bool CrossesBoundary { get; init; }
    public bool IsOrphan { get; init; }
    public IReadOnlyList<Guid> ThemeIds { get; init; } = [];
    public required FigureView Figures { get; init; }
}
