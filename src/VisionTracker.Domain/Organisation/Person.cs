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

    public List<RoleAssignment> RoleAssignments { get; init; } = [];
}
