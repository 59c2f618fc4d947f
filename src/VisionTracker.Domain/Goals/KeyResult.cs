using VisionTracker.Domain.Common;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Domain.Goals;

public enum MetricKind
{
    Number,
    Percentage,
    Currency,
    YesNo,
    Milestone,
}

public enum Direction
{
    Increase,
    Decrease,
}

public sealed class KeyResult : VersionedEntity, IPeriodScoped
{
    public Guid GoalId { get; set; }
    public Goal? Goal { get; set; }

    /// <summary>Copied from the goal (which never changes period) so scope and period checks need no join.</summary>
    public Guid PeriodId { get; set; }

    public Guid OwnerId { get; set; }
    public Person? Owner { get; set; }
    public required string Title { get; set; }
    public MetricKind MetricKind { get; set; }
    public double StartValue { get; set; }
    public double TargetValue { get; set; }
    public double CurrentValue { get; set; }
    public string? Unit { get; set; }
    public Direction Direction { get; set; }
    public double Weight { get; set; } = 1;
    public List<Milestone> Milestones { get; init; } = [];

    public double Progress { get; set; }
    public double? Confidence { get; set; }
    public DateTime? LastCheckInAt { get; set; }

    public double ComputeProgress() =>
        Rollup.KeyResultProgress(MetricKind, Direction, StartValue, TargetValue, CurrentValue, Milestones.Count(m => m.Done), Milestones.Count);

    public void EnsureShape()
    {
        switch (MetricKind)
        {
            case MetricKind.YesNo when StartValue != 0 || TargetValue != 1:
                throw new DomainRuleException(nameof(ErrorTexts.KeyResultYesNoRange));
            case MetricKind.Number or MetricKind.Percentage or MetricKind.Currency
                when (Direction == Direction.Increase && TargetValue < StartValue) || (Direction == Direction.Decrease && TargetValue > StartValue):
                throw new DomainRuleException(Direction == Direction.Increase ? nameof(ErrorTexts.KeyResultTargetBelowStart) : nameof(ErrorTexts.KeyResultTargetAboveStart));
            case MetricKind.Milestone when Milestones.Count == 0:
                throw new DomainRuleException(nameof(ErrorTexts.KeyResultMilestonesMissing));
            case MetricKind.Percentage when StartValue is < 0 or > 100 || TargetValue is < 0 or > 100:
                throw new DomainRuleException(nameof(ErrorTexts.KeyResultPercentageRange));
            default:
                break;
        }
    }
}

public sealed class Milestone : Entity
{
    public Guid KeyResultId { get; set; }
    public required string Title { get; set; }
    public int SortOrder { get; set; }
    public bool Done { get; set; }
}
