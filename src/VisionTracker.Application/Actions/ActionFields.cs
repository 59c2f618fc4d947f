using FluentValidation;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Actions;

/// <summary>What an action says, whether created or edited.</summary>
public interface IActionFields
{
    string Title { get; }
    string? Description { get; }
    string? CitizenValue { get; }
    CoCreationLevel CoCreationLevel { get; }
}

/// <summary>The one set of rules for these fields, included by every command that carries them.</summary>
public sealed class ActionFieldsValidator : AbstractValidator<IActionFields>
{
    public ActionFieldsValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Description).MaximumLength(4000);
        RuleFor(c => c.CitizenValue).MaximumLength(2000);
        RuleFor(c => c.CoCreationLevel).IsInEnum();
    }
}
