namespace VisionTracker.Application.Common;

/// <summary>
/// Absolute links to the pages people use, for anything that sends people to them (reminders, digests, e-mail).
/// Every one is null when <c>App:PublicBaseUrl</c> is not set: a message without a link rather than a broken one.
/// </summary>
public interface IPageLinks
{
    /// <summary>"/": my work (Mit arbejde).</summary>
    string? MyWork();

    /// <summary>"/vision": the vision tree.</summary>
    string? VisionTree();

    /// <summary>"/goals/{goalId}": a goal's page.</summary>
    string? Goal(Guid goalId);

    /// <summary>"/goals/{goalId}#kr-{keyResultId}": a key result on its goal's page.</summary>
    string? KeyResult(Guid goalId, Guid keyResultId);

    /// <summary>"/goals/{goalId}#action-{actionId}": an action on its goal's page.</summary>
    string? Action(Guid goalId, Guid actionId);

    /// <summary>"/departments/{unitId}": a department's (or any unit's) page.</summary>
    string? Department(Guid unitId);

    /// <summary>"/departments/{unitId}#incoming-{id}": a collaboration from elsewhere, where the unit answers it.</summary>
    string? IncomingCollaboration(Guid unitId, Guid collaborationId);

    /// <summary>"/foundation": my personal leadership foundation.</summary>
    string? Foundation();

    /// <summary>"/notifications": my notifications.</summary>
    string? Notifications();

    /// <summary>"/admin": administration.</summary>
    string? Admin();
}
