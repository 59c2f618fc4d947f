using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.People;

public sealed record GetApiTokensQuery(Guid PersonId) : IQuery<IReadOnlyList<ApiTokenDto>>;

public sealed class GetApiTokensHandler(IVisionTrackerDbContext db, AccessPolicy access) : IQueryHandler<GetApiTokensQuery, IReadOnlyList<ApiTokenDto>>
{
    public async ValueTask<IReadOnlyList<ApiTokenDto>> Handle(GetApiTokensQuery query, CancellationToken cancellationToken)
    {
        await db.LoadForTokensAsync(access, query.PersonId, cancellationToken);
        return await db.ApiTokens.AsNoTracking()
            .Where(t => t.PersonId == query.PersonId)
            .OrderByDescending(t => t.CreatedAt)
            .ProjectToDto()
            .ToListAsync(cancellationToken);
    }
}
