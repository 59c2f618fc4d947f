using FluentValidation;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Goals;

/// <summary>What a goal says, whether created or edited.</summary>
public interface IGoalFields
{
    string Title { get; }
    string? Description { get; }
    string CitizenValue { get; }
    CoCreationLevel CoCreationLevel { get; }
    IReadOnlyList<string>? Tags { get; }
}

/// <summary>The one set of rules for these fields, included by every command that carries them.</summary>
public sealed class GoalFieldsValidator : AbstractValidator<IGoalFields>
{
    public GoalFieldsValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Description).MaximumLength(4000);
        RuleFor(c => c.CitizenValue).NotEmpty().WithText(nameof(ErrorTexts.CitizenValueMissing)).MaximumLength(2000);
        RuleFor(c => c.CoCreationLevel).IsInEnum();
        RuleFor(c => c.Tags).Must(GoalRules.ValidTags).WithText(nameof(ErrorTexts.TagsInvalid));
    }
}
