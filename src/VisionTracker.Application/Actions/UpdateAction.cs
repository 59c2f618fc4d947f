using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Goals;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Actions;

/// <summary>
/// Replaces what the owner writes (texts, due date, tags) and the links: another key result of the goal, or another
/// goal of the same period that the caller may work in (a null goal keeps the current one; a null key result unlinks).
/// </summary>
public sealed record UpdateActionCommand(
    Guid Id,
    int? ExpectedVersion,
    string Title,
    string? Description,
    DateOnly? DueDate,
    string? CitizenValue,
    CoCreationLevel CoCreationLevel,
    bool GreenTransition,
    Guid? GoalId,
    Guid? KeyResultId) : ICommand<Guid>, IActionFields;

public sealed class UpdateActionValidator : AbstractValidator<UpdateActionCommand>
{
    public UpdateActionValidator()
    {
        Include(new ActionFieldsValidator());
        RuleFor(c => c.GoalId).NotEqual(Guid.Empty);
        RuleFor(c => c.KeyResultId).NotEqual(Guid.Empty);
    }
}

public sealed class UpdateActionHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<UpdateActionCommand, Guid>
{
    public async ValueTask<Guid> Handle(UpdateActionCommand command, CancellationToken cancellationToken)
    {
        var action = await db.LoadActionForChangeAsync(access, command.Id, command.ExpectedVersion, cancellationToken, alsoGoalId: command.GoalId);
        if (command.GoalId is { } goalId && goalId != action.GoalId)
        {
            await MoveToGoalAsync(action, goalId, cancellationToken);
        }

        if (command.KeyResultId is { } keyResultId)
        {
            await db.EnsureKeyResultOfGoalAsync(keyResultId, action.GoalId, cancellationToken);
        }

        action.KeyResultId = command.KeyResultId;
        action.Title = command.Title.Trim();
        action.Description = command.Description?.Trim() ?? "";
        action.DueDate = command.DueDate;
        action.CitizenValue = string.IsNullOrWhiteSpace(command.CitizenValue) ? null : command.CitizenValue.Trim();
        action.CoCreationLevel = command.CoCreationLevel;
        action.GreenTransition = command.GreenTransition;
        await db.SaveChangesAsync(cancellationToken);
        return action.Id;
    }

    /// <summary>The new goal: readable, in the same period, not archived, and one the caller may change this action under.</summary>
    private async Task MoveToGoalAsync(LeaderAction action, Guid goalId, CancellationToken ct)
    {
        var goal = await db.Goals.Include(g => g.OwnerUnit).FirstOrDefaultAsync(g => g.Id == goalId, ct)
            ?? throw new NotFoundException("Goal", goalId);
        var path = goal.OwnerUnit!.Path;
        access.EnsureRole(path, Role.Leader, "Goal", goalId, new ErrorPart(nameof(ErrorTexts.DoMoveActions)));
        var isOwner = action.OwnerId == access.PersonId;
        if (!isOwner && access.RoleAt(path) < Role.DepartmentHead)
        {
            throw new ForbiddenException(nameof(ErrorTexts.ForbiddenActionMove));
        }

        if (goal.PeriodId != action.PeriodId)
        {
            throw new DomainRuleException(nameof(ErrorTexts.ActionMoveOtherPeriod));
        }

        goal.EnsureEditable();
        await db.EnsureCanOwnAsync(action.OwnerId, path, ct);
        action.Goal = goal;
        action.GoalId = goal.Id;
        action.OrgUnit = goal.OwnerUnit;
        action.OrgUnitId = goal.OwnerUnitId;
    }
}
