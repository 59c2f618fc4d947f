using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.People;

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
