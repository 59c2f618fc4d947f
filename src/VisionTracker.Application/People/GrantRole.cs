using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.People;

/// <summary>Gives a person a role over a unit's subtree; only an Admin over that unit may grant roles on it.</summary>
public sealed record GrantRoleCommand(Guid PersonId, Guid OrgUnitId, Role Role) : ICommand<RoleAssignmentDto>;

public sealed class GrantRoleValidator : AbstractValidator<GrantRoleCommand>
{
    public GrantRoleValidator()
    {
        RuleFor(c => c.OrgUnitId).NotEmpty();
        RuleFor(c => c.Role).IsInEnum();
    }
}

public sealed class GrantRoleHandler(IVisionTrackerDbContext db, AccessPolicy access, TimeProvider clock)
    : ICommandHandler<GrantRoleCommand, RoleAssignmentDto>
{
    public async ValueTask<RoleAssignmentDto> Handle(GrantRoleCommand command, CancellationToken cancellationToken)
    {
        var personPath = await db.People.Where(p => p.Id == command.PersonId).Select(p => p.HomeUnit!.Path).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Person", command.PersonId);
        access.EnsureCanRead(personPath, "Person", command.PersonId);
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == command.OrgUnitId, cancellationToken)
            ?? throw new NotFoundException("OrgUnit", command.OrgUnitId);
        access.EnsureRole(unit.Path, Role.Admin, "OrgUnit", unit.Id, new ErrorPart(nameof(ErrorTexts.DoGrantRole), command.Role));

        if (await db.RoleAssignments.AnyAsync(r => r.PersonId == command.PersonId && r.OrgUnitId == unit.Id && r.Role == command.Role, cancellationToken))
        {
            throw new DomainRuleException(nameof(ErrorTexts.RoleAlreadyHeld), command.Role, unit.Name);
        }

        var assignment = new RoleAssignment
        {
            PersonId = command.PersonId,
            OrgUnitId = unit.Id,
            OrgUnit = unit,
            Role = command.Role,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.RoleAssignments.Add(assignment);
        await db.SaveChangesAsync(cancellationToken);
        return assignment.ToDto();
    }
}
