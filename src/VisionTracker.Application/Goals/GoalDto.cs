using VisionTracker.Application.CheckIns;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Goals;

public sealed record GoalSummaryDto
{
    public Guid Id { get; init; }
    public Guid PeriodId { get; init; }
    public required string PeriodName { get; init; }
    public Guid OwnerUnitId { get; init; }
    public required string OwnerUnitName { get; init; }
    public Guid OwnerId { get; init; }
    public required string OwnerName { get; init; }
    public required string Title { get; init; }
    public GoalState State { get; init; }
    public bool IsArchived { get; init; }
    public bool GreenTransition { get; init; }
    public CoCreationLevel CoCreationLevel { get; init; }
    public Guid? ParentGoalId { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<Guid> ThemeIds { get; init; } = [];
    public required FigureView Figures { get; init; }
    public int Version { get; init; }
}

public sealed record GoalDetailDto
{
    public Guid Id { get; init; }
    public Guid PeriodId { get; init; }
    public required string PeriodName { get; init; }
    public Guid OwnerUnitId { get; init; }
    public required string OwnerUnitName { get; init; }
    public Guid OwnerId { get; init; }
    public required string OwnerName { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string CitizenValue { get; init; }
    public CoCreationLevel CoCreationLevel { get; init; }
    public bool GreenTransition { get; init; }
    public GoalState State { get; init; }
    public bool IsArchived { get; init; }
    public Guid? ParentGoalId { get; init; }
    public Guid? CopiedFromGoalId { get; init; }
    public IReadOnlyList<Guid> ChildGoalIds { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public required FigureView Figures { get; init; }
    public IReadOnlyList<AlignmentDto> Alignments { get; init; } = [];
    public IReadOnlyList<KeyResultSummaryDto> KeyResults { get; init; } = [];
    public IReadOnlyList<GoalActionDto> Actions { get; init; } = [];
    public IReadOnlyList<CollaborationDto> Collaborations { get; init; } = [];
    public IReadOnlyList<CheckInDto> CheckIns { get; init; } = [];
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

public sealed record AlignmentDto
{
    public Guid ThemeId { get; init; }
    public required string ThemeTitle { get; init; }
    public required string Rationale { get; init; }
    public AlignmentReviewState ReviewState { get; init; }
    public string? ReviewComment { get; init; }
    public Guid? ReviewedById { get; init; }
    public DateTime? ReviewedAt { get; init; }

    /// <summary>When the alignment was last put forward for review.</summary>
    public DateTime ProposedAt { get; init; }
}

public sealed record KeyResultSummaryDto
{
    public Guid Id { get; init; }
    public required string Title { get; init; }
    public Guid OwnerId { get; init; }
    public MetricKind MetricKind { get; init; }
    public Direction Direction { get; init; }
    public double StartValue { get; init; }
    public double TargetValue { get; init; }
    public double CurrentValue { get; init; }
    public string? Unit { get; init; }
    public double Weight { get; init; }
    public double Progress { get; init; }
    public double? Confidence { get; init; }
    public DateTime? LastCheckInAt { get; init; }
    public bool IsStale { get; init; }

    /// <summary>The share of the period gone by (as for its goal).</summary>
    public double ExpectedProgress { get; init; }

    /// <summary>OnTrack, Behind, AtRisk or NoData while its goal runs (Active, in an Active period); otherwise null.</summary>
    public ProgressStatus? Status { get; init; }

    public int Version { get; init; }
}

public sealed record GoalActionDto
{
    public Guid Id { get; init; }
    public Guid GoalId { get; init; }
    public Guid? KeyResultId { get; init; }
    public Guid OwnerId { get; init; }
    public required string Title { get; init; }
    public ActionState State { get; init; }
    public DateOnly? DueDate { get; init; }
    public double? Progress { get; init; }
}

public sealed record CollaborationDto
{
    public Guid Id { get; init; }
    public CollaborationKind Kind { get; init; }
    public Guid? PartnerUnitId { get; init; }
    public string? PartnerUnitName { get; init; }
    public Guid? PartnerGoalId { get; init; }
    public string? PartnerGoalTitle { get; init; }
    public string? PartnerName { get; init; }
    public required string Description { get; init; }
    public DateTime CreatedAt { get; init; }

    /// <summary>The partner side's answer (Pending, Confirmed, Declined); null for an external partner.</summary>
    public CollaborationResponse? Response { get; init; }

    public DateTime? RespondedAt { get; init; }
    public string? ResponseComment { get; init; }
}
