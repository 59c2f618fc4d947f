using FluentValidation;
using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Application.Goals;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Actions;

/// <summary>Links an action across a boundary: another unit, another goal (a dependency), or an external partner.</summary>
public sealed record AddActionCollaborationCommand(
    Guid ActionId, int? ExpectedVersion, CollaborationKind Kind, Guid? PartnerUnitId, Guid? PartnerGoalId, string? PartnerName, string? Description)
    : ICommand<Guid>, ICollaborationFields;

public sealed class AddActionCollaborationValidator : AbstractValidator<AddActionCollaborationCommand>
{
    public AddActionCollaborationValidator() => Include(new CollaborationFieldsValidator());
}

public sealed class AddActionCollaborationHandler(IVisionTrackerDbContext db, AccessPolicy access, TimeProvider clock)
    : ICommandHandler<AddActionCollaborationCommand, Guid>
{
    public async ValueTask<Guid> Handle(AddActionCollaborationCommand command, CancellationToken cancellationToken)
    {
        var action = await db.LoadActionForChangeAsync(access, command.ActionId, command.ExpectedVersion, cancellationToken);
        var collaboration = Collaboration.Create(null, action.Id, command.Kind, command.PartnerUnitId, command.PartnerGoalId,
            command.PartnerName, command.Description, clock.GetUtcNow().UtcDateTime);
        await db.EnsurePartnersAsync(access, collaboration, action.GoalId, cancellationToken);
        db.Collaborations.Add(collaboration);
        await db.SaveChangesAsync(cancellationToken);
        return collaboration.Id;
    }
}
