using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;

namespace VisionTracker.Application.Visions;

/// <summary>The themes of the active vision, in order; empty while no vision is active.</summary>
public sealed record GetActiveThemesQuery : IQuery<IReadOnlyList<ThemeDto>>;

public sealed class GetActiveThemesHandler(IVisionTrackerDbContext db) : IQueryHandler<GetActiveThemesQuery, IReadOnlyList<ThemeDto>>
{
    public async ValueTask<IReadOnlyList<ThemeDto>> Handle(GetActiveThemesQuery query, CancellationToken cancellationToken) =>
        await db.Themes.AsNoTracking()
            .Where(t => t.Vision!.IsActive)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Title)
            .ProjectToDto()
            .ToListAsync(cancellationToken);
}
