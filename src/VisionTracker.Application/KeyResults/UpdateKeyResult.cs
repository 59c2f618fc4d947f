using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
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
        RuleFor(c => c.StartValue).Must(v => v is null || double.IsFinite(v.Value)).WithMessage("Start value must be a finite number.");
        RuleFor(c => c.TargetValue).Must(v => v is null || double.IsFinite(v.Value)).WithMessage("Target value must be a finite number.");
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
                throw new DomainRuleException("Start, target and direction can only change while the goal is a Draft.");
            }

            if (keyResult.MetricKind is MetricKind.YesNo or MetricKind.Milestone)
            {
                throw new DomainRuleException($"A {keyResult.MetricKind} key result has no start and target of its own.");
            }

            var wasAtStart = keyResult.CurrentValue == keyResult.StartValue;
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

/// <summary>Key results can be deleted only while their goal is a Draft; later, history must stay whole.</summary>
public sealed record DeleteKeyResultCommand(Guid Id, int? ExpectedVersion) : ICommand<Guid>;

public sealed class DeleteKeyResultHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<DeleteKeyResultCommand, Guid>
{
    public async ValueTask<Guid> Handle(DeleteKeyResultCommand command, CancellationToken cancellationToken)
    {
        var keyResult = await db.LoadKeyResultForChangeAsync(access, command.Id, command.ExpectedVersion, cancellationToken);
        if (keyResult.Goal!.State != GoalState.Draft)
        {
            throw new DomainRuleException($"Key results can only be deleted while the goal is a Draft; it is {keyResult.Goal.State}.");
        }

        if (await db.CheckIns.AnyAsync(c => c.KeyResultId == keyResult.Id, cancellationToken))
        {
            throw new DomainRuleException("The key result has check-ins, which are kept as history; it cannot be deleted.");
        }

        db.KeyResults.Remove(keyResult);
        await db.SaveChangesAsync(cancellationToken);
        return keyResult.GoalId;
    }
}
