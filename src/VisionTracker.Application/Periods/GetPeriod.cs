using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;

namespace VisionTracker.Application.Periods;

public sealed record GetPeriodQuery(Guid Id) : IQuery<PeriodDto>;

public sealed class GetPeriodHandler(IVisionTrackerDbContext db) : IQueryHandler<GetPeriodQuery, PeriodDto>
{
    public async ValueTask<PeriodDto> Handle(GetPeriodQuery query, CancellationToken cancellationToken) =>
        await db.Periods.AsNoTracking().Where(p => p.Id == query.Id).ProjectToDto().FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Period", query.Id);
}
