using FluentValidation;
using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Application.Goals;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.KeyResults;

/// <summary>
/// Edits a key result. Title, unit, owner and weight can change at any time; the measure itself (start, target,
/// direction) only while the goal is a Draft, so check-ins already made keep their meaning.
/// </summary>
public sealed record UpdateKeyResultCommand(
    Guid Id, int? ExpectedVersion, string Title, string? Unit, Guid? OwnerId, double? Weight, double? StartValue, double? TargetValue, Direction? Direction)
    : ICommand<Guid>;

public sealed class UpdateKeyResultValidator : AbstractValidator<UpdateKeyResultCommand>
{
    public UpdateKeyResultValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Unit).MaximumLength(32);
        RuleFor(c => c.Weight).InclusiveBetween(0, 100);
        RuleFor(c => c.Direction).IsInEnum();
        RuleFor(c => c.StartValue).Must(v => v is null || double.IsFinite(v.Value)).WithText(nameof(ErrorTexts.NumberNotFinite));
        RuleFor(c => c.TargetValue).Must(v => v is null || double.IsFinite(v.Value)).WithText(nameof(ErrorTexts.NumberNotFinite));
    }
}

public sealed class UpdateKeyResultHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<UpdateKeyResultCommand, Guid>
{
    public async ValueTask<Guid> Handle(UpdateKeyResultCommand command, CancellationToken cancellationToken)
    {
        var keyResult = await db.LoadKeyResultForChangeAsync(access, command.Id, command.ExpectedVersion, cancellationToken);
        var goal = keyResult.Goal!;
        var measureChanges = (command.StartValue is { } s && s != keyResult.StartValue)
            || (command.TargetValue is { } t && t != keyResult.TargetValue)
            || (command.Direction is { } d && d != keyResult.Direction);
        if (measureChanges)
        {
            if (goal.State != GoalState.Draft)
            {
                throw new DomainRuleException(nameof(ErrorTexts.KeyResultDefinitionNotDraft));
            }

            if (keyResult.MetricKind is MetricKind.YesNo or MetricKind.Milestone)
            {
                throw new DomainRuleException(nameof(ErrorTexts.KeyResultNoOwnRange), keyResult.MetricKind);
            }

            // Without check-ins the current value is where the key result starts; with them it is the newest check-in's.
            var wasAtStart = keyResult.LastCheckInAt is null && keyResult.CurrentValue == keyResult.StartValue;
            keyResult.StartValue = command.StartValue ?? keyResult.StartValue;
            keyResult.TargetValue = command.TargetValue ?? keyResult.TargetValue;
            keyResult.Direction = command.Direction ?? keyResult.Direction;
            if (wasAtStart)
            {
                keyResult.CurrentValue = keyResult.StartValue;
            }

            keyResult.EnsureShape();
        }

        if (command.OwnerId is { } ownerId && ownerId != keyResult.OwnerId)
        {
            await db.EnsureCanOwnAsync(ownerId, goal.OwnerUnit!.Path, cancellationToken);
            keyResult.OwnerId = ownerId;
        }

        keyResult.Title = command.Title.Trim();
        keyResult.Unit = command.Unit?.Trim();
        keyResult.Weight = command.Weight ?? keyResult.Weight;
        await db.SaveChangesAsync(cancellationToken);
        return keyResult.Id;
    }
}
