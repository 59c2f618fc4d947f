using VisionTracker.Domain.Common;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Domain.Goals;

/// <summary>The three boundaries of 'grænsekrydsende samarbejde': units, tasks, and the city outside the municipality.</summary>
public enum CollaborationKind
{
    /// <summary>With another department or unit.</summary>
    CrossUnit,

    /// <summary>With another goal, across task boundaries (a dependency).</summary>
    GoalDependency,

    /// <summary>With an external partner: a company, an association, a citizens' group.</summary>
    External,

    /// <summary>Co-creation of welfare with citizens and partners.</summary>
    CoCreation,
}

/// <summary>The partner's answer to a collaboration that names a unit or a goal inside the organisation.</summary>
public enum CollaborationResponse
{
    Pending,
    Confirmed,
    Declined,
}

public sealed class Collaboration : Entity
{
    public Guid? GoalId { get; set; }
    public Guid? ActionId { get; set; }
    public CollaborationKind Kind { get; set; }
    public Guid? PartnerUnitId { get; set; }
    public OrgUnit? PartnerUnit { get; set; }
    public Guid? PartnerGoalId { get; set; }
    public Goal? PartnerGoal { get; set; }
    public string? PartnerName { get; set; }
    public string Description { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>Null for an external partner (no one inside answers); otherwise Pending until the partner side answers.</summary>
    public CollaborationResponse? Response { get; private set; }

    public Guid? RespondedById { get; private set; }
    public DateTime? RespondedAt { get; private set; }
    public string? ResponseComment { get; private set; }

    /// <summary>Whether the partner side answers: a partner unit or a partner goal is named.</summary>
    public bool AwaitsPartner => PartnerUnitId is not null || PartnerGoalId is not null;

    /// <summary>The partner side confirms or declines (and may change its mind); a decline says why.</summary>
    public void Respond(CollaborationResponse response, string? comment, Guid personId, DateTime at)
    {
        if (!AwaitsPartner)
        {
            throw new DomainRuleException(nameof(ErrorTexts.CollaborationExternalNoAnswer));
        }

        if (response == CollaborationResponse.Pending)
        {
            throw new DomainRuleException(nameof(ErrorTexts.CollaborationAnswerConfirmedOrDeclined));
        }

        if (response == CollaborationResponse.Declined && string.IsNullOrWhiteSpace(comment))
        {
            throw new DomainRuleException(nameof(ErrorTexts.CollaborationDeclineNeedsComment));
        }

        Response = response;
        ResponseComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        RespondedById = personId;
        RespondedAt = at;
    }

    /// <summary>
    /// A new collaboration of a goal or of an action (exactly one of the two), in the shape its kind requires. Texts are
    /// trimmed; a blank partner name is no partner name.
    /// </summary>
    public static Collaboration Create(
        Guid? goalId, Guid? actionId, CollaborationKind kind, Guid? partnerUnitId, Guid? partnerGoalId, string? partnerName, string? description, DateTime createdAt)
    {
        if ((goalId is null) == (actionId is null))
        {
            throw new ArgumentException("A collaboration belongs to one goal or to one action.", nameof(goalId));
        }

        var collaboration = new Collaboration
        {
            GoalId = goalId,
            ActionId = actionId,
            Kind = kind,
            PartnerUnitId = partnerUnitId,
            PartnerGoalId = partnerGoalId,
            PartnerName = string.IsNullOrWhiteSpace(partnerName) ? null : partnerName.Trim(),
            Description = description?.Trim() ?? "",
            CreatedAt = createdAt,
        };
        collaboration.Response = collaboration.AwaitsPartner ? CollaborationResponse.Pending : null;
        collaboration.EnsureShape();
        return collaboration;
    }

    /// <summary>Every kind crosses a boundary, but a "cross-unit" link to one's own unit does not.</summary>
    public bool CrossesBoundary(Guid ownUnitId) => Crosses(Kind, PartnerUnitId, ownUnitId);

    /// <summary>The same rule for a collaboration read as plain values (e.g. a projection).</summary>
    public static bool Crosses(CollaborationKind kind, Guid? partnerUnitId, Guid ownUnitId) =>
        FigureRules.CrossesBoundaryCompiled(kind, partnerUnitId, ownUnitId);

    public void EnsureShape()
    {
        if (MisplacedPartner(Kind, PartnerUnitId, PartnerGoalId, PartnerName) is not null)
        {
            throw new DomainRuleException(ShapeCode(Kind), Kind);
        }
    }

    /// <summary>
    /// The one rule for what a collaboration of each kind names: a partner unit (CrossUnit), a partner goal
    /// (GoalDependency) or an external partner's name (External, CoCreation), and nothing else. Answers the partner
    /// field that is missing or does not belong (nameof a property), or null when the shape is right.
    /// </summary>
    public static string? MisplacedPartner(CollaborationKind kind, Guid? partnerUnitId, Guid? partnerGoalId, string? partnerName)
    {
        var named = !string.IsNullOrWhiteSpace(partnerName);
        return kind switch
        {
            CollaborationKind.CrossUnit => partnerUnitId is null ? nameof(PartnerUnitId) : partnerGoalId is not null ? nameof(PartnerGoalId) : named ? nameof(PartnerName) : null,
            CollaborationKind.GoalDependency => partnerGoalId is null ? nameof(PartnerGoalId) : partnerUnitId is not null ? nameof(PartnerUnitId) : named ? nameof(PartnerName) : null,
            _ => !named ? nameof(PartnerName) : partnerUnitId is not null ? nameof(PartnerUnitId) : partnerGoalId is not null ? nameof(PartnerGoalId) : null,
        };
    }

    /// <summary>The error code saying what a collaboration of this kind names; its text takes the kind as {0}.</summary>
    public static string ShapeCode(CollaborationKind kind) => kind switch
    {
        CollaborationKind.CrossUnit => nameof(ErrorTexts.CollaborationShapeCrossUnit),
        CollaborationKind.GoalDependency => nameof(ErrorTexts.CollaborationShapeGoalDependency),
        _ => nameof(ErrorTexts.CollaborationShapeExternal),
    };
}
