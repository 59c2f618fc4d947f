using VisionTracker.Domain.Goals;

namespace VisionTracker.Api.Endpoints;

/// <summary>The body that links a goal or an action to a partner unit, a partner goal or an external partner.</summary>
public sealed record CollaborationRequest(CollaborationKind Kind, Guid? PartnerUnitId, Guid? PartnerGoalId, string? PartnerName, string? Description);
