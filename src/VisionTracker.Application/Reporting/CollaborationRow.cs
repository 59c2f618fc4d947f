namespace VisionTracker.Application.Reporting;

public sealed class CollaborationRow
{
    public const string Outgoing = "Outgoing";

    public Guid Id { get; init; }

    /// <summary>Always Outgoing here: the owner's side (IncomingCollaborations is the partner's side).</summary>
    public string Direction { get; init; } = Outgoing;
    public Guid? GoalId { get; init; }
    public Guid? ActionId { get; init; }
    public string Kind { get; init; } = "";
    public Guid? PartnerUnitId { get; init; }
    public Guid? PartnerGoalId { get; init; }
    public string? PartnerName { get; init; }
    public string Description { get; init; } = "";
    public DateTime CreatedAt { get; init; }

    /// <summary>The partner side's answer: Pending, Confirmed or Declined; null for an external partner.</summary>
    public string? Response { get; init; }

    public DateTime? RespondedAt { get; init; }
    public GoalRow? Goal { get; init; }
    public ActionRow? Action { get; init; }
    public OrgUnitRow? PartnerUnit { get; init; }
}
