using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Reflections;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.Foundations;

/// <summary>A person's leadership foundation, for the person themself or a department head (or admin) over their home unit.</summary>
public sealed record GetLeadershipFoundationQuery(Guid PersonId) : IQuery<LeadershipFoundationDto>;

public sealed class GetLeadershipFoundationHandler(IVisionTrackerDbContext db, AccessPolicy access)
    : IQueryHandler<GetLeadershipFoundationQuery, LeadershipFoundationDto>
{
    public async ValueTask<LeadershipFoundationDto> Handle(GetLeadershipFoundationQuery query, CancellationToken cancellationToken)
    {
        if (!await FoundationRules.CanReadAsync(db, access, query.PersonId, cancellationToken))
        {
            throw new NotFoundException("LeadershipFoundation", query.PersonId);
        }

        var foundation = await db.LeadershipFoundations.AsNoTracking().Where(f => f.PersonId == query.PersonId).ProjectToDto()
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("LeadershipFoundation", query.PersonId);
        return foundation with { Answers = ReflectionAnswers.InCatalogueOrder(foundation.Answers) };
    }
}
