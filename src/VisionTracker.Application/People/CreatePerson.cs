using FluentValidation;
using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.People;

public sealed record CreatePersonCommand(string Name, string Email, string? JobTitle, Guid HomeUnitId, string? Culture) : ICommand<PersonDto>, IPersonFields;

public sealed class CreatePersonValidator : AbstractValidator<CreatePersonCommand>
{
    public CreatePersonValidator()
    {
        Include(new PersonFieldsValidator());
        RuleFor(c => c.Culture).ValidCulture();
    }
}

public sealed class CreatePersonHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<CreatePersonCommand, PersonDto>
{
    public async ValueTask<PersonDto> Handle(CreatePersonCommand command, CancellationToken cancellationToken)
    {
        var unit = await db.LoadHomeUnitAsAdminAsync(access, command.HomeUnitId, cancellationToken);
        var email = command.Email.Trim();
        await db.EnsureEmailFreeAsync(email, null, cancellationToken);

        var person = new Person
        {
            Name = command.Name.Trim(),
            Email = email,
            JobTitle = string.IsNullOrWhiteSpace(command.JobTitle) ? null : command.JobTitle.Trim(),
            HomeUnitId = unit.Id,
            HomeUnit = unit,
            Culture = command.Culture ?? "da",
        };
        db.People.Add(person);
        await db.SaveChangesAsync(cancellationToken);
        return person.ToDto();
    }
}
