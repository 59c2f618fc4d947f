using FluentValidation;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Goals;

/// <summary>What a new collaboration of a goal or an action says: its kind, its partner, and why.</summary>
public interface ICollaborationFields
{
    CollaborationKind Kind { get; }
    Guid? PartnerUnitId { get; }
    Guid? PartnerGoalId { get; }
    string? PartnerName { get; }
    string? Description { get; }
}

/// <summary>The one set of rules for these fields, included by the goal's and the action's command.</summary>
public sealed class CollaborationFieldsValidator : AbstractValidator<ICollaborationFields>
{
    public CollaborationFieldsValidator()
    {
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.PartnerUnitId).NotEqual(Guid.Empty);
        RuleFor(c => c.PartnerGoalId).NotEqual(Guid.Empty);
        RuleFor(c => c.PartnerName).MaximumLength(200);
        RuleFor(c => c.Description).MaximumLength(2000);
    }
}
