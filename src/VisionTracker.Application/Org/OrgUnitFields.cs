using FluentValidation;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Org;

/// <summary>What an org unit says about itself, whether created or changed.</summary>
public interface IOrgUnitFields
{
    string Code { get; }
    string Name { get; }
    OrgUnitKind Kind { get; }
    int? CheckInCadenceDays { get; }
}

/// <summary>The one set of rules for these fields, included by every command that carries them.</summary>
public sealed class OrgUnitFieldsValidator : AbstractValidator<IOrgUnitFields>
{
    public OrgUnitFieldsValidator()
    {
        RuleFor(c => c.Code).NotEmpty().MaximumLength(32);
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.CheckInCadenceDays).InclusiveBetween(1, 365);
    }
}
