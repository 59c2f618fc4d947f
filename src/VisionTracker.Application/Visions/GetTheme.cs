using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;

namespace VisionTracker.Application.Visions;

public sealed record GetThemeQuery(Guid Id) : IQuery<ThemeDto>;

public sealed class GetThemeHandler(IVisionTrackerDbContext db) : IQueryHandler<GetThemeQuery, ThemeDto>
{
    public async ValueTask<ThemeDto> Handle(GetThemeQuery query, CancellationToken cancellationToken) =>
        await db.Themes.AsNoTracking().Where(t => t.Id == query.Id).ProjectToDto().FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Theme", query.Id);
}
