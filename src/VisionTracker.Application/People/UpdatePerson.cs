using FluentValidation;
using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;

namespace VisionTracker.Application.People;

public sealed record UpdatePersonCommand(Guid Id, string Name, string Email, string? JobTitle, Guid HomeUnitId, string Culture, int? ExpectedVersion)
    : ICommand<PersonDto>, IPersonFields;

public sealed class UpdatePersonValidator : AbstractValidator<UpdatePersonCommand>
{
    public UpdatePersonValidator()
    {
        Include(new PersonFieldsValidator());
        RuleFor(c => c.Culture).NotEmpty().ValidCulture();
    }
}

public sealed class UpdatePersonHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<UpdatePersonCommand, PersonDto>
{
    public async ValueTask<PersonDto> Handle(UpdatePersonCommand command, CancellationToken cancellationToken)
    {
        var person = await db.LoadAsAdminAsync(access, command.Id, new ErrorPart(nameof(ErrorTexts.DoChangePerson)), cancellationToken);
        person.EnsureVersion(command.ExpectedVersion);
        if (person.HomeUnitId != command.HomeUnitId)
        {
            person.HomeUnit = await db.LoadHomeUnitAsAdminAsync(access, command.HomeUnitId, cancellationToken);
            person.HomeUnitId = command.HomeUnitId;
        }

        var email = command.Email.Trim();
        await db.EnsureEmailFreeAsync(email, person.Id, cancellationToken);

        person.Name = command.Name.Trim();
        person.Email = email;
        person.JobTitle = string.IsNullOrWhiteSpace(command.JobTitle) ? null : command.JobTitle.Trim();
        person.Culture = command.Culture;
        await db.SaveChangesAsync(cancellationToken);
        return person.ToDto();
    }
}
