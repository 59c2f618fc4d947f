using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.Org;

/// <summary>The units the caller may read, as a flat list in tree order (each parent before its children).</summary>
public sealed record GetOrgUnitsQuery : IQuery<IReadOnlyList<OrgUnitDto>>;

public sealed class GetOrgUnitsHandler(IVisionTrackerDbContext db, AccessPolicy access) : IQueryHandler<GetOrgUnitsQuery, IReadOnlyList<OrgUnitDto>>
{
    public async ValueTask<IReadOnlyList<OrgUnitDto>> Handle(GetOrgUnitsQuery query, CancellationToken cancellationToken) =>
        await access.Scope(db.OrgUnits.AsNoTracking(), u => u.Path)
            .OrderBy(u => u.Path)
            .ProjectToDto()
            .ToListAsync(cancellationToken);
}

public sealed record GetOrgUnitQuery(Guid Id) : IQuery<OrgUnitDto>;

public sealed class GetOrgUnitHandler(IVisionTrackerDbContext db, AccessPolicy access) : IQueryHandler<GetOrgUnitQuery, OrgUnitDto>
{
    public async ValueTask<OrgUnitDto> Handle(GetOrgUnitQuery query, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.AsNoTracking().Where(u => u.Id == query.Id).ProjectToDto().FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("OrgUnit", query.Id);
        access.EnsureCanRead(unit.Path, "OrgUnit", query.Id);
        return unit;
    }
}
