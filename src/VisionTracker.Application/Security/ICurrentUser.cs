using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Security;

/// <summary>A role held over an org unit's subtree, identified by the unit's materialised path.</summary>
public sealed record ScopeGrant(Guid UnitId, string UnitPath, Role Role);

public interface ICurrentUser
{
    Guid? PersonId { get; }
    IReadOnlyList<ScopeGrant> Grants { get; }
}
