using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;

namespace VisionTracker.Application.Visions;

/// <summary>Every vision, the newest validity first, each with its themes in order.</summary>
public sealed record GetVisionsQuery : IQuery<IReadOnlyList<VisionDto>>;

public sealed class GetVisionsHandler(IVisionTrackerDbContext db) : IQueryHandler<GetVisionsQuery, IReadOnlyList<VisionDto>>
{
    public async ValueTask<IReadOnlyList<VisionDto>> Handle(GetVisionsQuery query, CancellationToken cancellationToken)
    {
        var visions = await db.Visions.AsNoTracking().OrderByDescending(v => v.ValidFrom).ThenBy(v => v.Title)
            .ProjectToDto().ToListAsync(cancellationToken);
        return [.. visions.Select(v => v.WithThemesOrdered())];
    }
}
