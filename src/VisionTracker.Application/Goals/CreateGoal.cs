using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Goals;

public sealed record CreateGoalCommand(
    Guid PeriodId,
    Guid OwnerUnitId,
    Guid? OwnerId,
    string Title,
    string? Description,
    string CitizenValue,
    CoCreationLevel CoCreationLevel,
    bool GreenTransition,
    Guid? ParentGoalId,
    IReadOnlyList<string>? Tags) : ICommand<Guid>;

public sealed class CreateGoalValidator : AbstractValidator<CreateGoalCommand>
{
    public CreateGoalValidator()
    {
        RuleFor(c => c.PeriodId).NotEmpty();
        RuleFor(c => c.OwnerUnitId).NotEmpty();
        RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Description).MaximumLength(4000);
        RuleFor(c => c.CitizenValue).NotEmpty().WithMessage("Say who benefits and how (værdi for borgerne).").MaximumLength(2000);
        RuleFor(c => c.CoCreationLevel).IsInEnum();
        RuleFor(c => c.Tags).Must(GoalRules.ValidTags).WithMessage(GoalRules.TagsMessage);
    }
}

public sealed class CreateGoalHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<CreateGoalCommand, Guid>
{
    public async ValueTask<Guid> Handle(CreateGoalCommand command, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == command.OwnerUnitId, cancellationToken)
            ?? throw new NotFoundException("OrgUnit", command.OwnerUnitId);
        access.EnsureRole(unit.Path, Role.Leader, "OrgUnit", unit.Id, "create goals for it");
        var period = await db.Periods.FirstOrDefaultAsync(p => p.Id == command.PeriodId, cancellationToken)
            ?? throw new NotFoundException("Period", command.PeriodId);
        period.EnsureWritable();

        var ownerId = command.OwnerId ?? access.PersonId;
        if (ownerId != access.PersonId && access.RoleAt(unit.Path) < Role.DepartmentHead)
        {
            throw new ForbiddenException("Only a department head may create a goal owned by someone else.");
        }

        await db.EnsureCanOwnAsync(ownerId, unit.Path, cancellationToken);
        if (command.ParentGoalId is { } parentId)
        {
            await GoalRules.EnsureValidParentAsync(db, access, parentId, command.PeriodId, null, unit.Path, cancellationToken);
        }

        var goal = new Goal
        {
            PeriodId = period.Id,
            OwnerUnitId = unit.Id,
            OwnerId = ownerId,
            Title = command.Title.Trim(),
            Description = command.Description?.Trim() ?? "",
            CitizenValue = command.CitizenValue.Trim(),
            CoCreationLevel = command.CoCreationLevel,
            GreenTransition = command.GreenTransition,
            ParentGoalId = command.ParentGoalId,
            Tags = GoalRules.NormaliseTags(command.Tags),
        };
        db.Goals.Add(goal);
        await db.SaveChangesAsync(cancellationToken);
        return goal.Id;
    }
}

internal static class GoalRules
{
    public const string TagsMessage = "At most 20 tags, each 1–40 characters.";

    public static bool ValidTags(IReadOnlyList<string>? tags) =>
        tags is null || (tags.Count <= 20 && tags.All(t => !string.IsNullOrWhiteSpace(t) && t.Trim().Length <= 40));

    public static List<string> NormaliseTags(IEnumerable<string>? tags) =>
        tags?.Select(t => t.Trim().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList() ?? [];

    /// <summary>
    /// Goals cascade down the tree: a parent goal belongs to the child's own unit or one above it, is readable by the
    /// caller, lies in the same period, and is not the goal itself or one of its descendants.
    /// </summary>
    public static async Task EnsureValidParentAsync(
        IVisionTrackerDbContext db, AccessPolicy access, Guid parentId, Guid periodId, Guid? childId, string childUnitPath, CancellationToken ct)
    {
        var parent = await db.Goals.AsNoTracking()
            .Where(g => g.Id == parentId)
            .Select(g => new { g.PeriodId, g.OwnerUnit!.Path })
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Goal", parentId);
        access.EnsureCanRead(parent.Path, "Goal", parentId);
        if (!childUnitPath.StartsWith(parent.Path, StringComparison.Ordinal))
        {
            throw new DomainRuleException("A parent goal belongs to the goal's own unit or a unit above it; link other units' goals as a collaboration.");
        }

        if (parent.PeriodId != periodId)
        {
            throw new DomainRuleException("A parent goal must be in the same period.");
        }

        if (childId is null)
        {
            return;
        }

        var parents = await db.Goals.AsNoTracking().Where(g => g.PeriodId == periodId)
            .Select(g => new { g.Id, g.ParentGoalId }).ToDictionaryAsync(g => g.Id, g => g.ParentGoalId, ct);
        for (Guid? at = parentId; at is not null; at = parents.GetValueOrDefault(at.Value))
        {
            if (at == childId)
            {
                throw new DomainRuleException("A goal cannot be placed under itself or one of its own sub-goals.");
            }
        }
    }
}
