using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Actions;

/// <summary>A leader's concrete action under a goal (and optionally one of its key results), Planned at first.</summary>
public sealed record CreateActionCommand(
    Guid GoalId,
    Guid? KeyResultId,
    Guid? OwnerId,
    string Title,
    string? Description,
    DateOnly? DueDate,
    string? CitizenValue,
    CoCreationLevel CoCreationLevel,
    bool GreenTransition) : ICommand<Guid>, IActionFields;

public sealed class CreateActionValidator : AbstractValidator<CreateActionCommand>
{
    public CreateActionValidator()
    {
        RuleFor(c => c.GoalId).NotEmpty();
        RuleFor(c => c.KeyResultId).NotEqual(Guid.Empty);
        RuleFor(c => c.OwnerId).NotEqual(Guid.Empty);
        Include(new ActionFieldsValidator());
    }
}

public sealed class CreateActionHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<CreateActionCommand, Guid>
{
    public async ValueTask<Guid> Handle(CreateActionCommand command, CancellationToken cancellationToken)
    {
        await db.LockGoalTreesAsync(new GoalTrees([command.GoalId]), cancellationToken);
        var goal = await db.Goals.AsNoTracking().Include(g => g.OwnerUnit).Include(g => g.Period)
            .FirstOrDefaultAsync(g => g.Id == command.GoalId, cancellationToken)
            ?? throw new NotFoundException("Goal", command.GoalId);
        var unitPath = goal.OwnerUnit!.Path;
        access.EnsureRole(unitPath, Role.Leader, "Goal", goal.Id, new ErrorPart(nameof(ErrorTexts.DoCreateActions)));
        goal.Period!.EnsureWritable();
        goal.EnsureEditable();
        if (command.KeyResultId is { } keyResultId)
        {
            await db.EnsureKeyResultOfGoalAsync(keyResultId, goal.Id, cancellationToken);
        }

        var ownerId = command.OwnerId ?? access.PersonId;
        if (ownerId != access.PersonId)
        {
            if (access.RoleAt(unitPath) < Role.DepartmentHead)
            {
                throw new ForbiddenException(nameof(ErrorTexts.ForbiddenActionForOther));
            }

            await db.EnsureAssignableAsync(access, ownerId, unitPath, cancellationToken);
        }

        var action = new LeaderAction
        {
            GoalId = goal.Id,
            KeyResultId = command.KeyResultId,
            PeriodId = goal.PeriodId,
            OrgUnitId = goal.OwnerUnitId,
            OwnerId = ownerId,
            Title = command.Title.Trim(),
            Description = command.Description?.Trim() ?? "",
            DueDate = command.DueDate,
            CitizenValue = string.IsNullOrWhiteSpace(command.CitizenValue) ? null : command.CitizenValue.Trim(),
            CoCreationLevel = command.CoCreationLevel,
            GreenTransition = command.GreenTransition,
        };
        db.Actions.Add(action);
        await db.SaveChangesAsync(cancellationToken);
        return action.Id;
    }
}
