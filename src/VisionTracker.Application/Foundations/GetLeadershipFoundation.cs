using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Organisation;

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

        return await db.LeadershipFoundations.AsNoTracking().Where(f => f.PersonId == query.PersonId).ProjectToDto()
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("LeadershipFoundation", query.PersonId);
    }
}

internal static class FoundationRules
{
    /// <summary>A foundation is personal: its author reads it, and so do department heads over the author's home unit.</summary>
    public static async Task<bool> CanReadAsync(IVisionTrackerDbContext db, AccessPolicy access, Guid personId, CancellationToken ct)
    {
        if (personId == access.PersonId)
        {
            return true;
        }

        var home = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.HomeUnit!.Path).FirstOrDefaultAsync(ct);
        return home is not null && access.RoleAt(home) >= Role.DepartmentHead;
    }
}
