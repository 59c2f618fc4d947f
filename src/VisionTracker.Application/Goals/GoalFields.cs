using FluentValidation;
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
        RuleFor(c => c.CitizenValue).NotEmpty().WithMessage("Say who benefits and how (værdi for borgerne).").MaximumLength(2000);
        RuleFor(c => c.CoCreationLevel).IsInEnum();
        RuleFor(c => c.Tags).Must(GoalRules.ValidTags).WithMessage(GoalRules.TagsMessage);
    }
}
