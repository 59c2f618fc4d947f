using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Org;

/// <summary>What the caller administers: the units in the subtrees where they hold Admin, in tree order. Refused (403) for non-admins.</summary>
public sealed record AdministrationDto(bool IsGlobalAdmin, IReadOnlyList<OrgUnitDto> Units);

public sealed record GetAdministeredUnitsQuery : IQuery<AdministrationDto>;

public sealed class GetAdministeredUnitsHandler(IVisionTrackerDbContext db, AccessPolicy access) : IQueryHandler<GetAdministeredUnitsQuery, AdministrationDto>
{
    public async ValueTask<AdministrationDto> Handle(GetAdministeredUnitsQuery query, CancellationToken cancellationToken)
    {
        var units = await access.Scope(db.OrgUnits.AsNoTracking(), u => u.Path, Role.Admin).OrderBy(u => u.Path).ProjectToDto().ToListAsync(cancellationToken);
        if (units.Count == 0)
        {
            throw new ForbiddenException(nameof(ErrorTexts.ForbiddenAdministration));
        }

        return new AdministrationDto(access.IsGlobalAdmin, units);
    }
}
