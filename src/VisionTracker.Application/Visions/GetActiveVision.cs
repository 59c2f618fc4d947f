using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;

namespace VisionTracker.Application.Visions;

/// <summary>The vision in force ('Fortællingen om Aarhus'); 404 until one is activated.</summary>
public sealed record GetActiveVisionQuery : IQuery<VisionDto>;

public sealed class GetActiveVisionHandler(IVisionTrackerDbContext db) : IQueryHandler<GetActiveVisionQuery, VisionDto>
{
    public async ValueTask<VisionDto> Handle(GetActiveVisionQuery query, CancellationToken cancellationToken)
    {
        var vision = await db.Visions.AsNoTracking().Where(v => v.IsActive).ProjectToDto().FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Vision", "active");
        return vision.WithThemesOrdered();
    }
}
