using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.People;

public sealed record GetRoleAssignmentsQuery(Guid PersonId) : IQuery<IReadOnlyList<RoleAssignmentDto>>;

public sealed class GetRoleAssignmentsHandler(IVisionTrackerDbContext db, AccessPolicy access)
    : IQueryHandler<GetRoleAssignmentsQuery, IReadOnlyList<RoleAssignmentDto>>
{
    public async ValueTask<IReadOnlyList<RoleAssignmentDto>> Handle(GetRoleAssignmentsQuery query, CancellationToken cancellationToken)
    {
        var path = await db.People.Where(p => p.Id == query.PersonId).Select(p => p.HomeUnit!.Path).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Person", query.PersonId);
        if (query.PersonId != access.PersonId)
        {
            access.EnsureCanRead(path, "Person", query.PersonId);
        }

        return await db.RoleAssignments.AsNoTracking()
            .Where(r => r.PersonId == query.PersonId)
            .OrderByDescending(r => r.Role).ThenBy(r => r.OrgUnit!.Name)
            .ProjectToDto()
            .ToListAsync(cancellationToken);
    }
}

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
        access.EnsureRole(unit.Path, Role.Admin, "OrgUnit", unit.Id, $"grant the {command.Role} role on it");

        if (await db.RoleAssignments.AnyAsync(r => r.PersonId == command.PersonId && r.OrgUnitId == unit.Id && r.Role == command.Role, cancellationToken))
        {
            throw new DomainRuleException($"The person already holds the {command.Role} role over '{unit.Name}'.");
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

public sealed record RevokeRoleCommand(Guid PersonId, Guid AssignmentId) : ICommand;

public sealed class RevokeRoleHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<RevokeRoleCommand>
{
    public async ValueTask<Unit> Handle(RevokeRoleCommand command, CancellationToken cancellationToken)
    {
        var assignment = await db.RoleAssignments.Include(r => r.OrgUnit)
            .FirstOrDefaultAsync(r => r.Id == command.AssignmentId && r.PersonId == command.PersonId, cancellationToken)
            ?? throw new NotFoundException("RoleAssignment", command.AssignmentId);
        access.EnsureRole(assignment.OrgUnit!.Path, Role.Admin, "RoleAssignment", assignment.Id, "remove roles on this unit");
        await db.EnsureNotLastGlobalAdminAsync(command.PersonId, assignment.Id, cancellationToken);

        db.RoleAssignments.Remove(assignment);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
