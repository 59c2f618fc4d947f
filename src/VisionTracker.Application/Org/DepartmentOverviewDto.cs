using VisionTracker.Application.Figures;
using VisionTracker.Application.Goals;
using VisionTracker.Application.Periods;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Org;

/// <summary>What a department head looks after in a period: reviews, the goals × themes matrix, gaps, people, collaboration, trend.</summary>
public sealed record DepartmentOverviewDto
{
    public Guid UnitId { get; init; }
    public required string UnitName { get; init; }
    public required PeriodDto Period { get; init; }
    public required FigureView Figures { get; init; }

    /// <summary>The caller may decide the reviews (department head or admin over the unit) in a period that is not closed.</summary>
    public bool CanReview { get; init; }

    public int StaleAfterDays { get; init; }

    /// <summary>Alignments of the subtree's goals, awaiting review first.</summary>
    public IReadOnlyList<AlignmentReviewItemDto> Reviews { get; init; } = [];

    public IReadOnlyList<ThemeColumnDto> Themes { get; init; } = [];
    public IReadOnlyList<MatrixRowDto> Goals { get; init; } = [];
    public IReadOnlyList<KeyResultGapDto> KeyResultsWithoutActions { get; init; } = [];
    /// <summary>Running key results that are stale: no check-in for <see cref="StaleAfterDays"/> days (domain.md's one stale rule).</summary>
    public IReadOnlyList<KeyResultGapDto> StaleKeyResults { get; init; } = [];

    /// <summary>Owners of the stale key results, the longest quiet first.</summary>
    public IReadOnlyList<QuietPersonDto> PeopleNotCheckedIn { get; init; } = [];

    public IReadOnlyList<CrossingDto> CollaborationsOut { get; init; } = [];
    public IReadOnlyList<CrossingDto> CollaborationsIn { get; init; } = [];
    public IReadOnlyList<TrendPointDto> Trend { get; init; } = [];
}

public sealed record ThemeColumnDto(Guid Id, string Title);

/// <summary>A goal of the subtree and its alignment (and review state) to each theme, if any.</summary>
public sealed record MatrixRowDto(Guid GoalId, string Title, string OwnerUnitName, GoalState State, bool IsOrphan, FigureView Figures, IReadOnlyDictionary<Guid, AlignmentReviewState> Alignments);

public sealed record KeyResultGapDto(Guid KeyResultId, string Title, Guid GoalId, string GoalTitle, string OwnerName, DateTime? LastCheckInAt);

public sealed record QuietPersonDto(Guid PersonId, string Name, int StaleKeyResults, DateTime? LastCheckInAt);

/// <summary>A collaboration across the department's boundary: from one of its goals or actions to a unit, goal or partner outside, or into it.</summary>
/// <remarks>A goal outside the caller's read scope comes without id and title (its unit is named); so does a partner goal.</remarks>
public sealed record CrossingDto(Guid? GoalId, string? GoalTitle, string GoalUnitName, CollaborationKind Kind, string? Partner, string Description);
