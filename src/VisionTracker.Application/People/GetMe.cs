using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.People;

public sealed record GetMeQuery : IQuery<MeDto>;

public sealed class GetMeHandler(IVisionTrackerDbContext db, AccessPolicy access) : IQueryHandler<GetMeQuery, MeDto>
{
    public async ValueTask<MeDto> Handle(GetMeQuery query, CancellationToken cancellationToken)
    {
        var id = access.PersonId;

        // Split: as one statement SQLite materialises every role assignment of the organisation for the LEFT JOIN.
        var me = await db.People.AsNoTracking().Where(p => p.Id == id).ProjectToMeDto().AsSplitQuery().FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Person", id);
        return me with { RoleAssignments = [.. me.RoleAssignments.OrderByDescending(r => r.Role).ThenBy(r => r.OrgUnitName)] };
    }
}
