using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using VisionTracker.Domain.Common;
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

        // The kind decides which partner field is named; a wrong shape is bad input, reported on the field at fault.
        RuleFor(c => c).Custom((c, context) =>
        {
            if (Enum.IsDefined(c.Kind) && Collaboration.MisplacedPartner(c.Kind, c.PartnerUnitId, c.PartnerGoalId, c.PartnerName) is { } field)
            {
                context.AddFailure(new ValidationFailure(field, ErrorMessage.Format(Collaboration.ShapeCode(c.Kind), CultureInfo.CurrentUICulture, [c.Kind])) { ErrorCode = "CollaborationPartner" });
            }
        });
    }
}
