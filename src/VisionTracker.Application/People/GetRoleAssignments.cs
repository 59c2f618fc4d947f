using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

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
