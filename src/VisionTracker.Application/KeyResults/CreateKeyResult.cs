using FluentValidation;
using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Application.Goals;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.KeyResults;

public sealed record CreateKeyResultCommand(
    Guid GoalId,
    Guid? OwnerId,
    string Title,
    MetricKind MetricKind,
    Direction Direction,
    double StartValue,
    double TargetValue,
    string? Unit,
    double? Weight,
    IReadOnlyList<string>? Milestones) : ICommand<Guid>;

public sealed class CreateKeyResultValidator : AbstractValidator<CreateKeyResultCommand>
{
    public CreateKeyResultValidator()
    {
        RuleFor(c => c.GoalId).NotEmpty();
        RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
        RuleFor(c => c.MetricKind).IsInEnum();
        RuleFor(c => c.Direction).IsInEnum();
        RuleFor(c => c.Unit).MaximumLength(32);
        RuleFor(c => c.Weight).InclusiveBetween(0, 100);
        RuleFor(c => c.StartValue).Must(double.IsFinite).WithText(nameof(ErrorTexts.NumberNotFinite));
        RuleFor(c => c.TargetValue).Must(double.IsFinite).WithText(nameof(ErrorTexts.NumberNotFinite));
        RuleFor(c => c.Milestones).Must(m => m is null || m.Count <= 50).WithText(nameof(ErrorTexts.MilestonesTooMany), 50);
        RuleForEach(c => c.Milestones).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Milestones).NotEmpty().When(c => c.MetricKind == MetricKind.Milestone)
            .WithText(nameof(ErrorTexts.KeyResultMilestonesMissing));
        RuleFor(c => c.Milestones).Empty().When(c => c.MetricKind != MetricKind.Milestone)
            .WithText(nameof(ErrorTexts.MilestonesNotAllowed));
    }
}

public sealed class CreateKeyResultHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<CreateKeyResultCommand, Guid>
{
    public async ValueTask<Guid> Handle(CreateKeyResultCommand command, CancellationToken cancellationToken)
    {
        var goal = await db.LoadGoalForChangeAsync(access, command.GoalId, null, cancellationToken);
        var ownerId = command.OwnerId ?? access.PersonId;
        if (ownerId != goal.OwnerId)
        {
            await db.EnsureCanOwnAsync(ownerId, goal.OwnerUnit!.Path, cancellationToken);
        }

        var (start, target) = command.MetricKind is MetricKind.YesNo or MetricKind.Milestone ? (0d, 1d) : (command.StartValue, command.TargetValue);
        var keyResult = new KeyResult
        {
            GoalId = goal.Id,
            PeriodId = goal.PeriodId,
            OwnerId = ownerId,
            Title = command.Title.Trim(),
            MetricKind = command.MetricKind,
            Direction = command.MetricKind is MetricKind.YesNo or MetricKind.Milestone ? Direction.Increase : command.Direction,
            StartValue = start,
            TargetValue = target,
            CurrentValue = start,
            Unit = command.Unit?.Trim(),
            Weight = command.Weight ?? 1,
            Milestones = (command.Milestones ?? []).Select((t, i) => new Milestone { Title = t.Trim(), SortOrder = i }).ToList(),
        };
        keyResult.EnsureShape();
        if (command.MetricKind == MetricKind.Milestone)
        {
            keyResult.TargetValue = keyResult.Milestones.Count;
        }

        db.KeyResults.Add(keyResult);
        await db.SaveChangesAsync(cancellationToken);
        return keyResult.Id;
    }
}
