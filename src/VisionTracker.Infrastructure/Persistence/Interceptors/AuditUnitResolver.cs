using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Reflections;

namespace VisionTracker.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Finds the unit an audited entity belongs to (a goal's owning unit, an action's unit, a person's home unit, …) and
/// that unit's path, so the trail can be scoped to a department head's subtree. Vision, themes and periods belong
/// to the whole organisation and answer null. Tracked entities answer first; one save asks the database once per id.
/// </summary>
internal sealed class AuditUnitResolver(DbContext context, IEnumerable<object> tracked)
{
    private readonly Dictionary<(string Kind, Guid Id), string?> known = [];
    private readonly Dictionary<Guid, Entity> local = tracked.OfType<Entity>().DistinctBy(e => e.Id).ToDictionary(e => e.Id);

    public string? PathOf(object entity) => entity switch
    {
        OrgUnit u => u.Path,
        Goal g => Unit(g.OwnerUnitId),
        GoalTheme a => GoalPath(a.GoalId),
        AlignmentReview r => GoalPath(r.GoalId),
        KeyResult k => GoalPath(k.GoalId),
        Milestone m => KeyResultPath(m.KeyResultId),
        LeaderAction a => Unit(a.OrgUnitId),
        CheckIn c => c.KeyResultId is { } kr ? KeyResultPath(kr) : c.ActionId is { } action ? ActionPath(action) : null,
        Collaboration c => c.GoalId is { } goal ? GoalPath(goal) : c.ActionId is { } action ? ActionPath(action) : null,
        Person p => Unit(p.HomeUnitId),
        RoleAssignment r => Unit(r.OrgUnitId),
        ApiToken t => PersonPath(t.PersonId),
        LeadershipFoundation f => PersonPath(f.PersonId),
        ReflectionAnswer { CheckInId: { } checkIn } => CheckInPath(checkIn),
        ReflectionAnswer { FoundationId: { } foundation } => FoundationPath(foundation),
        _ => null,
    };

    private string? Unit(Guid id) => Remember("unit", id, () =>
        Local<OrgUnit>(id)?.Path
        ?? context.Set<OrgUnit>().AsNoTracking().Where(u => u.Id == id).Select(u => u.Path).FirstOrDefault());

    private string? GoalPath(Guid id) => Remember("goal", id, () =>
        Local<Goal>(id) is { } goal
            ? Unit(goal.OwnerUnitId)
            : context.Set<Goal>().AsNoTracking().Where(g => g.Id == id).Select(g => g.OwnerUnit!.Path).FirstOrDefault());

    private string? KeyResultPath(Guid id) => Remember("kr", id, () =>
        Local<KeyResult>(id) is { } kr
            ? GoalPath(kr.GoalId)
            : context.Set<KeyResult>().AsNoTracking().Where(k => k.Id == id).Select(k => k.Goal!.OwnerUnit!.Path).FirstOrDefault());

    private string? ActionPath(Guid id) => Remember("action", id, () =>
        Local<LeaderAction>(id) is { } action
            ? Unit(action.OrgUnitId)
            : context.Set<LeaderAction>().AsNoTracking().Where(a => a.Id == id).Select(a => a.OrgUnit!.Path).FirstOrDefault());

    private string? PersonPath(Guid id) => Remember("person", id, () =>
        Local<Person>(id) is { } person
            ? Unit(person.HomeUnitId)
            : context.Set<Person>().AsNoTracking().Where(p => p.Id == id).Select(p => p.HomeUnit!.Path).FirstOrDefault());

    private string? CheckInPath(Guid id) => Remember("checkin", id, () =>
        Local<CheckIn>(id) is { } checkIn
            ? PathOf(checkIn)
            : context.Set<CheckIn>().AsNoTracking().Where(c => c.Id == id).Select(c => (Guid?)c.OrgUnitId).FirstOrDefault() is { } unit ? Unit(unit) : null);

    private string? FoundationPath(Guid id) => Remember("foundation", id, () =>
        Local<LeadershipFoundation>(id) is { } foundation
            ? PersonPath(foundation.PersonId)
            : context.Set<LeadershipFoundation>().AsNoTracking().Where(f => f.Id == id).Select(f => (Guid?)f.PersonId).FirstOrDefault() is { } person ? PersonPath(person) : null);

    private T? Local<T>(Guid id)
        where T : Entity => local.GetValueOrDefault(id) as T;

    private string? Remember(string kind, Guid id, Func<string?> find)
    {
        if (!known.TryGetValue((kind, id), out var path))
        {
            path = find();
            known[(kind, id)] = path;
        }

        return path;
    }
}
