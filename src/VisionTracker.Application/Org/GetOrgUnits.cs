using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;

namespace VisionTracker.Application.Org;

/// <summary>
/// The org chart as a flat list in tree order (each parent before its children). The municipality's structure is
/// public to every signed-in person, so leaders can name partner units across departments; what the units own
/// (goals, actions, figures) stays scoped.
/// </summary>
public sealed record GetOrgUnitsQuery : IQuery<IReadOnlyList<OrgUnitDto>>;

public sealed class GetOrgUnitsHandler(IVisionTrackerDbContext db) : IQueryHandler<GetOrgUnitsQuery, IReadOnlyList<OrgUnitDto>>
{
    public async ValueTask<IReadOnlyList<OrgUnitDto>> Handle(GetOrgUnitsQuery query, CancellationToken cancellationToken) =>
        await db.OrgUnits.AsNoTracking()
            .OrderBy(u => u.Path)
            .ProjectToDto()
            .ToListAsync(cancellationToken);
}
