using FluentValidation;
using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.KeyResults;

/// <summary>Sets how much a key result counts in its goal's progress (0 = not at all, unless all are 0).</summary>
public sealed record SetKeyResultWeightCommand(Guid Id, int? ExpectedVersion, double Weight) : ICommand<Guid>;

public sealed class SetKeyResultWeightValidator : AbstractValidator<SetKeyResultWeightCommand>
{
    public SetKeyResultWeightValidator() => RuleFor(c => c.Weight).InclusiveBetween(0, 100);
}

public sealed class SetKeyResultWeightHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<SetKeyResultWeightCommand, Guid>
{
    public async ValueTask<Guid> Handle(SetKeyResultWeightCommand command, CancellationToken cancellationToken)
    {
        var keyResult = await db.LoadKeyResultForChangeAsync(access, command.Id, command.ExpectedVersion, cancellationToken);
        keyResult.Weight = command.Weight;
        await db.SaveChangesAsync(cancellationToken);
        return keyResult.Id;
    }
}
