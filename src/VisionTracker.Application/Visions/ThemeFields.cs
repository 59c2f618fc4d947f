using FluentValidation;

namespace VisionTracker.Application.Visions;

/// <summary>What a theme says, whether added or changed.</summary>
public interface IThemeFields
{
    string Title { get; }
    string? Description { get; }
}

/// <summary>The one set of rules for these fields, included by every command that carries them.</summary>
public sealed class ThemeFieldsValidator : AbstractValidator<IThemeFields>
{
    public ThemeFieldsValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Description).MaximumLength(4000);
    }
}
