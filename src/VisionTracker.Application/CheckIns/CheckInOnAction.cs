using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Common;

namespace VisionTracker.Application.CheckIns;

/// <summary>
/// Records where an action stands: optionally a new state (through the state machine) and progress, the confidence and a
/// reflection note. Done means progress 1. Append-only; a correction is a new check-in.
/// </summary>
public sealed record CheckInOnActionCommand(
    Guid ActionId, ActionState? State, double? Progress, double? Confidence, string? Note, string? IdempotencyKey)
    : ICommand<CheckInResult>, ICheckInFields, IBatchFiguresCommand
{
    public IReadOnlyDictionary<string, string?>? Answers { get; init; }
}

public sealed class CheckInOnActionValidator : AbstractValidator<CheckInOnActionCommand>
{
    public CheckInOnActionValidator()
    {
        RuleFor(c => c.ActionId).NotEmpty();
        RuleFor(c => c.State).IsInEnum();
        RuleFor(c => c.Progress).InclusiveBetween(0.0, 1.0);
        RuleFor(c => c.Progress).Equal(1.0).When(c => c.State == ActionState.Done && c.Progress is not null)
            .WithText(nameof(ErrorTexts.DoneProgressIsOne));
        Include(new CheckInFieldsValidator());
    }
}

public sealed class CheckInOnActionHandler(IVisionTrackerDbContext db, AccessPolicy access, TimeProvider clock, FigureReader figures)
    : ICommandHandler<CheckInOnActionCommand, CheckInResult>
{
    public async ValueTask<CheckInResult> Handle(CheckInOnActionCommand command, CancellationToken cancellationToken)
    {
        await db.LockGoalTreesAsync(new GoalTrees(Actions: [command.ActionId]), cancellationToken);
        var action = await db.Actions
            .Include(a => a.OrgUnit)
            .Include(a => a.Goal!).ThenInclude(g => g.Period)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == command.ActionId, cancellationToken)
            ?? throw new NotFoundException("Action", command.ActionId);
        access.EnsureCanCheckIn(action.OrgUnit!.Path, [action.OwnerId], "Action", action.Id);
        if (await db.FindReplayAsync(access.PersonId, command.IdempotencyKey, null, action.Id, stored => IsSameRequest(stored, command), cancellationToken) is { } replay)
        {
            return replay;
        }

        action.Goal!.Period!.EnsureActiveForCheckIns();
        action.Goal.EnsureEditable();

        if (command.State is { } state)
        {
            action.MoveTo(state);
        }

        if (action.State == ActionState.Done)
        {
            action.ReportedProgress = 1;
        }
        else if (command.Progress is { } progress)
        {
            action.ReportedProgress = progress;
        }

        var now = CheckIn.NextTime(action.LastCheckInAt, clock.GetUtcNow().UtcDateTime);
        action.LastCheckInAt = now;
        var checkIn = new CheckIn
        {
            ActionId = action.Id,
            PeriodId = action.PeriodId,
            OrgUnitId = action.OrgUnitId,
            ActionState = action.State,
            ActionProgress = action.ReportedProgress,
        };
        return await db.RecordAsync(checkIn, command, access, now, figures.TimeZone, cancellationToken);
    }

    private static bool IsSameRequest(CheckInDto stored, CheckInOnActionCommand command) =>
        command.Repeats(stored)
        && (command.State is null || stored.ActionState == command.State)
        && (command.Progress is null || stored.ActionProgress == command.Progress);
}
