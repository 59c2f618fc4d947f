using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Figures;

namespace VisionTracker.Application.Calendar;

public sealed record CalendarAction(Guid Id, Guid GoalId, string Title, string Description, string GoalTitle, DateOnly DueDate, ActionState State, DateTime UpdatedAt);

public sealed record ActionCalendar(Guid PersonId, string PersonName, IReadOnlyList<CalendarAction> Actions);

/// <summary>
/// A person's open actions with a due date, for their calendar feed. The person themself and whoever may read them
/// get the feed; it holds only the actions the caller may read (the rules of <c>/api/actions</c>). Anyone else: 404.
/// </summary>
public sealed record GetActionCalendarQuery(Guid PersonId) : IQuery<ActionCalendar>;

public sealed class GetActionCalendarHandler(IVisionTrackerDbContext db, AccessPolicy access, ICurrentUser user) : IQueryHandler<GetActionCalendarQuery, ActionCalendar>
{
    public async ValueTask<ActionCalendar> Handle(GetActionCalendarQuery query, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking()
            .Where(p => p.Id == query.PersonId)
            .Select(p => new { p.Id, p.Name, HomeUnitPath = p.HomeUnit!.Path })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Person", query.PersonId);
        if (user.PersonId != person.Id)
        {
            access.EnsureCanRead(person.HomeUnitPath, "Person", query.PersonId);
        }

        var actions = await access.Scope(db.Actions.AsNoTracking(), a => a.OrgUnit!.Path)
            .Where(a => a.OwnerId == person.Id && a.DueDate != null)
            .Where(FigureRules.OpenAction)
            .OrderBy(a => a.DueDate).ThenBy(a => a.Title)
            .Select(a => new CalendarAction(a.Id, a.GoalId, a.Title, a.Description, a.Goal!.Title, a.DueDate!.Value, a.State, a.UpdatedAt))
            .ToListAsync(cancellationToken);
        return new ActionCalendar(person.Id, person.Name, actions);
    }
}
