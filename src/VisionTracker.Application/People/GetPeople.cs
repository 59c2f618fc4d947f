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

public sealed record GetPersonQuery(Guid Id) : IQuery<PersonDto>;

public sealed class GetPersonHandler(IVisionTrackerDbContext db, AccessPolicy access) : IQueryHandler<GetPersonQuery, PersonDto>
{
    public async ValueTask<PersonDto> Handle(GetPersonQuery query, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == query.Id).ProjectToDto().FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Person", query.Id);
        if (person.Id != access.PersonId)
        {
            access.EnsureCanRead(person.HomeUnitPath, "Person", query.Id);
        }

        return person.RedactedFor(access);
    }
}

public sealed record GetMeQuery : IQuery<MeDto>;

public sealed class GetMeHandler(IVisionTrackerDbContext db, AccessPolicy access) : IQueryHandler<GetMeQuery, MeDto>
{
    public async ValueTask<MeDto> Handle(GetMeQuery query, CancellationToken cancellationToken)
    {
        var id = access.PersonId;
        var me = await db.People.AsNoTracking().Where(p => p.Id == id).ProjectToMeDto().FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Person", id);
        return me with { RoleAssignments = [.. me.RoleAssignments.OrderByDescending(r => r.Role).ThenBy(r => r.OrgUnitName)] };
    }
}
