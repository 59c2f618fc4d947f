using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.People;

/// <summary>The people whose home unit the caller may read, by name.</summary>
public sealed record GetPeopleQuery : IQuery<IReadOnlyList<PersonDto>>;

public sealed class GetPeopleHandler(IVisionTrackerDbContext db, AccessPolicy access) : IQueryHandler<GetPeopleQuery, IReadOnlyList<PersonDto>>
{
    public async ValueTask<IReadOnlyList<PersonDto>> Handle(GetPeopleQuery query, CancellationToken cancellationToken)
    {
        var people = await access.Scope(db.People.AsNoTracking(), p => p.HomeUnit!.Path)
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .ProjectToDto()
            .ToListAsync(cancellationToken);
        return [.. people.Select(p => p.RedactedFor(access))];
    }
}
