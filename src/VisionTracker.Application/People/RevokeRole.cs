using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.People;

public sealed record RevokeRoleCommand(Guid PersonId, Guid AssignmentId) : ICommand;

public sealed class RevokeRoleHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<RevokeRoleCommand>
{
    public async ValueTask<Unit> Handle(RevokeRoleCommand command, CancellationToken cancellationToken)
    {
        var assignment = await db.RoleAssignments.Include(r => r.OrgUnit)
            .FirstOrDefaultAsync(r => r.Id == command.AssignmentId && r.PersonId == command.PersonId, cancellationToken)
            ?? throw new NotFoundException("RoleAssignment", command.AssignmentId);
        access.EnsureRole(assignment.OrgUnit!.Path, Role.Admin, "RoleAssignment", assignment.Id, new ErrorPart(nameof(ErrorTexts.DoRevokeRoles)));
        await db.EnsureNotLastGlobalAdminAsync(command.PersonId, assignment.Id, cancellationToken);

        db.RoleAssignments.Remove(assignment);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
