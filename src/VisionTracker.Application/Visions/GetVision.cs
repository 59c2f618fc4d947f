using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;

namespace VisionTracker.Application.Visions;

public sealed record GetVisionQuery(Guid Id) : IQuery<VisionDto>;

public sealed class GetVisionHandler(IVisionTrackerDbContext db) : IQueryHandler<GetVisionQuery, VisionDto>
{
    public async ValueTask<VisionDto> Handle(GetVisionQuery query, CancellationToken cancellationToken)
    {
        var vision = await db.Visions.AsNoTracking().Where(v => v.Id == query.Id).ProjectToDto().FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Vision", query.Id);
        return vision.WithThemesOrdered();
    }
}
