using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;

namespace VisionTracker.Application.People;

/// <summary>Deactivates or reactivates a person; a deactivated person's tokens stop authenticating.</summary>
public sealed record SetPersonActiveCommand(Guid Id, bool IsActive, int? ExpectedVersion) : ICommand<PersonDto>;

public sealed class SetPersonActiveHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<SetPersonActiveCommand, PersonDto>
{
    public async ValueTask<PersonDto> Handle(SetPersonActiveCommand command, CancellationToken cancellationToken)
    {
        var person = await db.LoadAsAdminAsync(access, command.Id, new ErrorPart(command.IsActive ? nameof(ErrorTexts.DoReactivatePerson) : nameof(ErrorTexts.DoDeactivatePerson)), cancellationToken);
        person.EnsureVersion(command.ExpectedVersion);
        if (!command.IsActive && person.IsActive)
        {
            await db.EnsureNotLastGlobalAdminAsync(person.Id, null, cancellationToken);
        }

        person.IsActive = command.IsActive;
        await db.SaveChangesAsync(cancellationToken);
        return person.ToDto();
    }
}
