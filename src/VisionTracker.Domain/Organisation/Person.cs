using VisionTracker.Domain.Common;

namespace VisionTracker.Domain.Organisation;

public sealed class Person : VersionedEntity
{
    public static readonly IReadOnlyList<string> SupportedCultures = ["da", "en"];

    public required string Name { get; set; }
    public required string Email { get; set; }
    public string? JobTitle { get; set; }
    public Guid HomeUnitId { get; set; }
    public OrgUnit? HomeUnit { get; set; }
    public string Culture { get; set; } = "da";
    public bool IsActive { get; set; } = true;

    /// <summary>The person's id at the single sign-on issuer (e.g. Entra ID's object id), when SSO matches by it.</summary>
    public string? ExternalId { get; set; }

    public List<RoleAssignment> RoleAssignments { get; init; } = [];
}
