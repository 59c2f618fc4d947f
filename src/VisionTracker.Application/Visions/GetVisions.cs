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
