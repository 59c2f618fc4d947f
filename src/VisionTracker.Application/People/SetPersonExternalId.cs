using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;

namespace VisionTracker.Application.People;

/// <summary>Sets (or, with null, clears) the id single sign-on knows the person by, e.g. Entra ID's object id.</summary>
public sealed record SetPersonExternalIdCommand(Guid PersonId, string? ExternalId) : ICommand<PersonDto>;

public sealed class SetPersonExternalIdValidator : AbstractValidator<SetPersonExternalIdCommand>
{
    public SetPersonExternalIdValidator() =>
        RuleFor(c => c.ExternalId).MaximumLength(200).Must(e => e is null || e.Trim().Length > 0)
            .WithText(nameof(ErrorTexts.ExternalIdBlank));
}

public sealed class SetPersonExternalIdHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<SetPersonExternalIdCommand, PersonDto>
{
    public async ValueTask<PersonDto> Handle(SetPersonExternalIdCommand command, CancellationToken cancellationToken)
    {
        var person = await db.LoadAsAdminAsync(access, command.PersonId, new ErrorPart(nameof(ErrorTexts.DoSetExternalId)), cancellationToken);
        var externalId = command.ExternalId?.Trim();
        if (externalId is not null && await db.People.AnyAsync(p => p.ExternalId == externalId && p.Id != person.Id, cancellationToken))
        {
            throw new DomainRuleException(nameof(ErrorTexts.ExternalIdTaken), externalId);
        }

        person.ExternalId = externalId;
        await db.SaveChangesAsync(cancellationToken);
        return person.ToDto();
    }
}
