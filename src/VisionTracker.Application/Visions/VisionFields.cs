using FluentValidation;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Common;

namespace VisionTracker.Application.Visions;

/// <summary>What a vision says, whether created or changed.</summary>
public interface IVisionFields
{
    string Title { get; }
    string? Narrative { get; }
    DateOnly ValidFrom { get; }
    DateOnly? ValidTo { get; }
}

/// <summary>The one set of rules for these fields, included by every command that carries them.</summary>
public sealed class VisionFieldsValidator : AbstractValidator<IVisionFields>
{
    public VisionFieldsValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Narrative).MaximumLength(20_000);
        RuleFor(c => c.ValidFrom).NotEmpty();
        RuleFor(c => c.ValidTo).GreaterThan(c => c.ValidFrom).When(c => c.ValidTo is not null).WithText(nameof(ErrorTexts.ValidToBeforeValidFrom));
    }
}
