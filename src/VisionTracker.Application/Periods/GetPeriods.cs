using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;

namespace VisionTracker.Application.Periods;

public sealed record GetPeriodsQuery : IQuery<IReadOnlyList<PeriodDto>>;

public sealed class GetPeriodsHandler(IVisionTrackerDbContext db) : IQueryHandler<GetPeriodsQuery, IReadOnlyList<PeriodDto>>
{
    public async ValueTask<IReadOnlyList<PeriodDto>> Handle(GetPeriodsQuery query, CancellationToken cancellationToken) =>
        await db.Periods.AsNoTracking().OrderBy(p => p.Start).ProjectToDto().ToListAsync(cancellationToken);
}
