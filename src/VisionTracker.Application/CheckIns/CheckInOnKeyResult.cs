using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.CheckIns;

/// <summary>
/// Records where a key result stands: its new value (for milestone key results, the milestones now done), the
/// confidence and a reflection note. Append-only; a correction is a new check-in. Check-ins on one goal tree are taken
/// one after the other, each at a later time than the key result's newest, so the newest by time is the one taken last;
/// the key result's current value and confidence are its newest check-in's (<see cref="Figures.FigureUpdater"/>).
/// </summary>
public sealed record CheckInOnKeyResultCommand(
    Guid KeyResultId, double? Value, IReadOnlyList<Guid>? MilestoneIds, double? Confidence, string? Note, string? IdempotencyKey)
    : ICommand<CheckInResult>, ICheckInFields, IBatchFiguresCommand
{
    public IReadOnlyDictionary<string, string?>? Answers { get; init; }
}

public sealed class CheckInOnKeyResultValidator : AbstractValidator<CheckInOnKeyResultCommand>
{
    public CheckInOnKeyResultValidator()
    {
        RuleFor(c => c.KeyResultId).NotEmpty();
        RuleFor(c => c.Value).Must(v => v is null || double.IsFinite(v.Value)).WithText(nameof(ErrorTexts.NumberNotFinite));
        RuleFor(c => c.MilestoneIds).Must(ids => ids is null || (ids.Count <= 200 && ids.All(id => id != Guid.Empty)))
            .WithText(nameof(ErrorTexts.MilestoneIdsInvalid), 200);
        Include(new CheckInFieldsValidator());
    }
}

public sealed class CheckInOnKeyResultHandler(IVisionTrackerDbContext db, AccessPolicy access, TimeProvider clock, FigureReader figures)
    : ICommandHandler<CheckInOnKeyResultCommand, CheckInResult>
{
    public async ValueTask<CheckInResult> Handle(CheckInOnKeyResultCommand command, CancellationToken cancellationToken)
    {
        await db.LockGoalTreesAsync(new GoalTrees(KeyResults: [command.KeyResultId]), cancellationToken);
        var keyResult = await db.KeyResults
            .Include(k => k.Goal!).ThenInclude(g => g.OwnerUnit)
            .Include(k => k.Goal!).ThenInclude(g => g.Period)
            .FirstOrDefaultAsync(k => k.Id == command.KeyResultId, cancellationToken)
            ?? throw new NotFoundException("KeyResult", command.KeyResultId);
        var goal = keyResult.Goal!;
        access.EnsureCanCheckIn(goal.OwnerUnit!.Path, [keyResult.OwnerId, goal.OwnerId], "KeyResult", keyResult.Id);
        if (await db.FindReplayAsync(access.PersonId, command.IdempotencyKey, keyResult.Id, null, stored => IsSameRequest(stored, command), cancellationToken) is { } replay)
        {
            return replay;
        }

        goal.Period!.EnsureActiveForCheckIns();
        goal.EnsureEditable();

        // Only a milestone key result's check-in reads or changes its milestones: the others skip that statement.
        if (keyResult.MetricKind == MetricKind.Milestone)
        {
            await db.Milestones.Where(m => m.KeyResultId == keyResult.Id).LoadAsync(cancellationToken);
        }

        var now = CheckIn.NextTime(keyResult.LastCheckInAt, clock.GetUtcNow().UtcDateTime);
        var value = Apply(keyResult, command);
        keyResult.LastCheckInAt = now;
        var checkIn = new CheckIn { KeyResultId = keyResult.Id, PeriodId = keyResult.PeriodId, OrgUnitId = goal.OwnerUnitId, Value = value };
        return await db.RecordAsync(checkIn, command, access, now, figures.TimeZone, cancellationToken);
    }

    private static bool IsSameRequest(CheckInDto stored, CheckInOnKeyResultCommand command) =>
        command.Repeats(stored)
        && stored.Value == (command.MilestoneIds is { } ids ? ids.Distinct().Count() : command.Value);

    /// <summary>Sets the key result's current value from the check-in as its metric kind reads it; returns the value stored.</summary>
    private static double Apply(KeyResult keyResult, CheckInOnKeyResultCommand command)
    {
        if (keyResult.MetricKind == MetricKind.Milestone)
        {
            if (command.Value is not null)
            {
                throw CheckInRules.Invalid(nameof(command.Value), "A milestone key result is checked in with milestoneIds (the milestones now done), not a value.");
            }

            var done = command.MilestoneIds?.ToHashSet()
                ?? throw CheckInRules.Invalid(nameof(command.MilestoneIds), "Name the milestones now done (an empty list when none is).");
            var unknown = done.Except(keyResult.Milestones.Select(m => m.Id)).ToList();
            if (unknown.Count > 0)
            {
                throw CheckInRules.Invalid(nameof(command.MilestoneIds), $"Not milestones of this key result: {string.Join(", ", unknown)}.");
            }

            foreach (var milestone in keyResult.Milestones)
            {
                milestone.Done = done.Contains(milestone.Id);
            }

            return keyResult.CurrentValue = done.Count;
        }

        if (command.MilestoneIds is not null)
        {
            throw CheckInRules.Invalid(nameof(command.MilestoneIds), $"Only milestone key results take milestoneIds; this one is {keyResult.MetricKind}.");
        }

        var value = command.Value ?? throw CheckInRules.Invalid(nameof(command.Value), $"A {keyResult.MetricKind} key result is checked in with a value.");
        var error = keyResult.MetricKind switch
        {
            MetricKind.YesNo when value is not (0 or 1) => "A yes/no key result takes 0 (no) or 1 (yes).",
            MetricKind.Percentage when value is < 0 or > 100 => "A percentage is between 0 and 100.",
            _ => null,
        };
        if (error is not null)
        {
            throw CheckInRules.Invalid(nameof(command.Value), error);
        }

        return keyResult.CurrentValue = value;
    }
}
