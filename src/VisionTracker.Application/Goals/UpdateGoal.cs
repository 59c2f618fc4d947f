using FluentValidation;
using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Goals;

/// <summary>Edits what the owner writes: texts, tags, co-creation, green transition, and (department heads) the owner.</summary>
public sealed record UpdateGoalCommand(
    Guid Id,
    int? ExpectedVersion,
    string Title,
    string? Description,
    string CitizenValue,
    CoCreationLevel CoCreationLevel,
    bool GreenTransition,
    IReadOnlyList<string>? Tags,
    Guid? OwnerId) : ICommand<Guid>, IGoalFields;

public sealed class UpdateGoalValidator : AbstractValidator<UpdateGoalCommand>
{
    public UpdateGoalValidator()
    {
        Include(new GoalFieldsValidator());
    }
}

public sealed class UpdateGoalHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<UpdateGoalCommand, Guid>
{
    public async ValueTask<Guid> Handle(UpdateGoalCommand command, CancellationToken cancellationToken)
    {
        var goal = await db.LoadGoalForChangeAsync(access, command.Id, command.ExpectedVersion, cancellationToken);
        if (command.OwnerId is { } ownerId && ownerId != goal.OwnerId)
        {
            if (access.RoleAt(goal.OwnerUnit!.Path) < Role.DepartmentHead)
            {
                throw new ForbiddenException(nameof(ErrorTexts.ForbiddenGoalHandOver));
            }

            await db.EnsureCanOwnAsync(ownerId, goal.OwnerUnit.Path, cancellationToken);
            goal.OwnerId = ownerId;
        }

        goal.Title = command.Title.Trim();
        goal.Description = command.Description?.Trim() ?? "";
        goal.CitizenValue = command.CitizenValue.Trim();
        goal.CoCreationLevel = command.CoCreationLevel;
        goal.GreenTransition = command.GreenTransition;
        goal.Tags = GoalRules.NormaliseTags(command.Tags);
        await db.SaveChangesAsync(cancellationToken);
        return goal.Id;
    }
}
