using FluentValidation;
using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Application.Goals;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Actions;

/// <summary>Links an action across a boundary: another unit, another goal (a dependency), or an external partner.</summary>
public sealed record AddActionCollaborationCommand(
    Guid ActionId, int? ExpectedVersion, CollaborationKind Kind, Guid? PartnerUnitId, Guid? PartnerGoalId, string? PartnerName, string? Description) : ICommand<Guid>;

public sealed class AddActionCollaborationValidator : AbstractValidator<AddActionCollaborationCommand>
{
    public AddActionCollaborationValidator()
    {
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.PartnerUnitId).NotEqual(Guid.Empty);
        RuleFor(c => c.PartnerGoalId).NotEqual(Guid.Empty);
        RuleFor(c => c.PartnerName).MaximumLength(200);
        RuleFor(c => c.Description).MaximumLength(2000);
    }
}

public sealed class AddActionCollaborationHandler(IVisionTrackerDbContext db, AccessPolicy access, TimeProvider clock)
    : ICommandHandler<AddActionCollaborationCommand, Guid>
{
    public async ValueTask<Guid> Handle(AddActionCollaborationCommand command, CancellationToken cancellationToken)
    {
        var action = await db.LoadActionForChangeAsync(access, command.ActionId, command.ExpectedVersion, cancellationToken);
        var collaboration = new Collaboration
        {
            ActionId = action.Id,
            Kind = command.Kind,
            PartnerUnitId = command.PartnerUnitId,
            PartnerGoalId = command.PartnerGoalId,
            PartnerName = string.IsNullOrWhiteSpace(command.PartnerName) ? null : command.PartnerName.Trim(),
            Description = command.Description?.Trim() ?? "",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await db.EnsurePartnersAsync(access, collaboration, action.GoalId, cancellationToken);
        db.Collaborations.Add(collaboration);
        await db.SaveChangesAsync(cancellationToken);
        return action.Id;
    }
}
