using VisionTracker.Domain.Common;

namespace VisionTracker.Domain.Organisation;

/// <summary>Roles are ordered: each includes the rights of those before it, within the assignment's subtree.</summary>
public enum Role
{
    Viewer = 0,
    Leader = 1,
    DepartmentHead = 2,
    Admin = 3,
}

public sealed class RoleAssignment : Entity
{
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public Guid OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    public Role Role { get; set; }
    public DateTime CreatedAt { get; set; }
}
