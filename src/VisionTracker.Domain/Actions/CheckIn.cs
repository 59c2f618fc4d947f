using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Domain.Actions;

/// <summary>Append-only: a correction is a new check-in.</summary>
public sealed class CheckIn : Entity, IPeriodScoped
{
    public Guid? KeyResultId { get; set; }
    public Guid? ActionId { get; set; }
    public Guid PeriodId { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public DateTime At { get; set; }

    /// <summary>For a key result: the new current value (for milestones, the number done).</summary>
    public double? Value { get; set; }

    /// <summary>For an action: its state and reported progress after the check-in.</summary>
    public ActionState? ActionState { get; set; }

    public double? ActionProgress { get; set; }
    public double Confidence { get; set; }
    public string Note { get; set; } = "";
    public string? IdempotencyKey { get; set; }
}
