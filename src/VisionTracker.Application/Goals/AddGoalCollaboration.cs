using FluentValidation;
using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Goals;

/// <summary>Links a goal across a boundary: another unit, another goal (a dependency), or an external partner.</summary>
public sealed record AddGoalCollaborationCommand(
    Guid GoalId, int? ExpectedVersion, CollaborationKind Kind, Guid? PartnerUnitId, Guid? PartnerGoalId, string? PartnerName, string? Description)
    : ICommand<Guid>, ICollaborationFields;

public sealed class AddGoalCollaborationValidator : AbstractValidator<AddGoalCollaborationCommand>
{
    public AddGoalCollaborationValidator() => Include(new CollaborationFieldsValidator());
}

public sealed class AddGoalCollaborationHandler(IVisionTrackerDbContext db, AccessPolicy access, TimeProvider clock)
    : ICommandHandler<AddGoalCollaborationCommand, Guid>
{
    public async ValueTask<Guid> Handle(AddGoalCollaborationCommand command, CancellationToken cancellationToken)
    {
        var goal = await db.LoadGoalForChangeAsync(access, command.GoalId, command.ExpectedVersion, cancellationToken);
        var collaboration = Collaboration.Create(goal.Id, null, command.Kind, command.PartnerUnitId, command.PartnerGoalId,
            command.PartnerName, command.Description, clock.GetUtcNow().UtcDateTime);
        await db.EnsurePartnersAsync(access, collaboration, goal.Id, cancellationToken);
        db.Collaborations.Add(collaboration);
        await db.SaveChangesAsync(cancellationToken);
        return collaboration.Id;
    }
}
