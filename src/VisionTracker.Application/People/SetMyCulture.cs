using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.People;

/// <summary>The caller chooses the language the service speaks to them in (pages, e-mails); any signed-in person may.</summary>
public sealed record SetMyCultureCommand(string Culture) : ICommand;

public sealed class SetMyCultureValidator : AbstractValidator<SetMyCultureCommand>
{
    public SetMyCultureValidator() => RuleFor(c => c.Culture).NotEmpty().ValidCulture();
}

public sealed class SetMyCultureHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<SetMyCultureCommand>
{
    public async ValueTask<Unit> Handle(SetMyCultureCommand command, CancellationToken cancellationToken)
    {
        var me = access.PersonId;
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == me, cancellationToken) ?? throw new NotFoundException("Person", me);
        if (person.Culture != command.Culture)
        {
            person.Culture = command.Culture;
            await db.SaveChangesAsync(cancellationToken);
        }

        return Unit.Value;
    }
}
