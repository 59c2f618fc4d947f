using FluentValidation;
using VisionTracker.Application.Reflections;
using VisionTracker.Domain.Reflections;

namespace VisionTracker.Application.CheckIns;

/// <summary>What every check-in carries, on a key result or an action.</summary>
public interface ICheckInFields
{
    double? Confidence { get; }
    string? Note { get; }
    string? IdempotencyKey { get; }

    /// <summary>Answers to the check-in's reflection questions by key; each optional.</summary>
    IReadOnlyDictionary<string, string?>? Answers { get; }
}

/// <summary>The one set of rules for these fields, included by both check-in commands.</summary>
public sealed class CheckInFieldsValidator : AbstractValidator<ICheckInFields>
{
    public CheckInFieldsValidator()
    {
        RuleFor(c => c.Confidence).NotNull().InclusiveBetween(0.0, 1.0);
        RuleFor(c => c.Note).MaximumLength(4000);
        RuleFor(c => c.IdempotencyKey).ValidIdempotencyKey();
        RuleFor(c => c.Answers).ValidAnswers(ReflectionScope.CheckIn);
    }
}
