namespace VisionTracker.Application.Reporting;

/// <summary>
/// A collaboration seen from the partner's side (the IncomingCollaborations set): another unit's goal or action names a
/// unit of the caller's (or one of its goals). Like <c>GET /api/collaborations/incoming</c>, only collaborations the
/// partner answers (not external partners), and not those reaching in from inside the partner's own subtree.
/// </summary>
public sealed class IncomingCollaborationRow
{
    public const string Incoming = "Incoming";

    public Guid Id { get; init; }

    /// <summary>Always Incoming here (Collaborations is the owner's side, Outgoing), so the two sets can be appended.</summary>
    public string Direction { get; init; } = Incoming;
    public string Kind { get; init; } = "";
    public string Description { get; init; } = "";
    public DateTime CreatedAt { get; init; }

    /// <summary>Pending, Confirmed or Declined.</summary>
    public string? Response { get; init; }
    public DateTime? RespondedAt { get; init; }

    /// <summary>The unit named, or the unit of the goal named: the partner's side, one of the caller's units.</summary>
    public Guid PartnerUnitId { get; init; }
    public Guid? PartnerGoalId { get; init; }
    public Guid PeriodId { get; init; }

    /// <summary>The goal that reaches out (the action's goal for an action); the navigation is empty outside the caller's scope.</summary>
    public Guid? FromGoalId { get; init; }
    public Guid? FromActionId { get; init; }

    /// <summary>The owner's side: the goal's unit, or the action's.</summary>
    public Guid FromUnitId { get; init; }
    public string FromUnitName { get; init; } = "";
    public Guid? FromDepartmentId { get; init; }
    public string? FromDepartmentName { get; init; }
    public OrgUnitRow? PartnerUnit { get; init; }
    public GoalRow? PartnerGoal { get; init; }
    public OrgUnitRow? FromUnit { get; init; }
    public GoalRow? FromGoal { get; init; }
    public PeriodRow? Period { get; init; }
}
