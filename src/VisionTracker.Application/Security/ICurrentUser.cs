using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Security;

/// <summary>A role held over an org unit's subtree, identified by the unit's materialised path.</summary>
public sealed record ScopeGrant(Guid UnitId, string UnitPath, Role Role);

public interface ICurrentUser
{
    Guid? PersonId { get; }

    /// <summary>The personal token the caller acts with (also behind a browser session started with it); null for the system.</summary>
    Guid? TokenId { get; }
    IReadOnlyList<ScopeGrant> Grants { get; }

    /// <summary>The caller's name as authentication found it; null when unknown (the system, or a principal without it).</summary>
    string? Name => null;
}
