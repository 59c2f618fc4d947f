using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;

namespace VisionTracker.Application.Org;

public sealed record GetOrgUnitQuery(Guid Id) : IQuery<OrgUnitDto>;

public sealed class GetOrgUnitHandler(IVisionTrackerDbContext db) : IQueryHandler<GetOrgUnitQuery, OrgUnitDto>
{
    public async ValueTask<OrgUnitDto> Handle(GetOrgUnitQuery query, CancellationToken cancellationToken) =>
        await db.OrgUnits.AsNoTracking().Where(u => u.Id == query.Id).ProjectToDto().FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("OrgUnit", query.Id);
}
