using FluentValidation;

namespace VisionTracker.Application.People;

/// <summary>Who a person is, whether added or changed.</summary>
public interface IPersonFields
{
    string Name { get; }
    string Email { get; }
    string? JobTitle { get; }
    Guid HomeUnitId { get; }
}

/// <summary>The one set of rules for these fields, included by every command that carries them.</summary>
public sealed class PersonFieldsValidator : AbstractValidator<IPersonFields>
{
    public PersonFieldsValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Email).NotEmpty().MaximumLength(320).EmailAddress();
        RuleFor(c => c.JobTitle).MaximumLength(200);
        RuleFor(c => c.HomeUnitId).NotEmpty();
    }
}
