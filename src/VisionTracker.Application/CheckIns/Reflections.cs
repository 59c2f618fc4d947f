using VisionTracker.Application.Security;

namespace VisionTracker.Application.CheckIns;

/// <summary>
/// Who reads a check-in's reflection note ("what did we learn, what do we do next") and its answers to the reflection
/// questions: its author and those who may check
/// in on its subject (<see cref="CheckInRules.CanCheckIn"/>: an owner holding Leader or more, the goal's owner for a
/// key result, department heads and admins over the unit). Viewers and other leaders see the check-in without its note
/// and answers (null). The OData feed carries neither.
/// </summary>
public static class Reflections
{
    public static bool MayRead(this AccessPolicy access, string unitPath, IReadOnlyCollection<Guid> owners, Guid authorId) =>
        access.RoleAt(unitPath) is not null && (access.PersonId == authorId || access.CanCheckIn(unitPath, owners));

    /// <summary>The check-ins as the caller may see them: notes and answers they may not read are left out.</summary>
    public static List<CheckInDto> AsSeenBy(this IEnumerable<CheckInDto> checkIns, AccessPolicy access, string unitPath, IReadOnlyCollection<Guid> owners) =>
        checkIns.AsSeenBy(access, unitPath, _ => owners);

    /// <summary>As above, for check-ins on several subjects with owners of their own (a goal's key results).</summary>
    public static List<CheckInDto> AsSeenBy(this IEnumerable<CheckInDto> checkIns, AccessPolicy access, string unitPath, Func<CheckInDto, IReadOnlyCollection<Guid>> ownersOf) =>
        checkIns.Select(c => access.MayRead(unitPath, ownersOf(c), c.PersonId) ? c : c with { Note = null, Answers = null }).ToList();
}
