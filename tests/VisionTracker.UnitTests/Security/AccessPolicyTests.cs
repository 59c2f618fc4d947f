using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.UnitTests.Security;

public sealed class AccessPolicyTests
{
    // Municipality → two departments; the first has a unit under it.
    private readonly OrgUnit root;
    private readonly OrgUnit department;
    private readonly OrgUnit unit;
    private readonly OrgUnit sibling;

    public AccessPolicyTests()
    {
        root = OrgUnit.Create("AAK", "Aarhus Kommune", OrgUnitKind.Municipality, null);
        department = OrgUnit.Create("BU", "Børn og Unge", OrgUnitKind.Department, root);
        unit = OrgUnit.Create("BU-1", "Dagtilbud Nord", OrgUnitKind.Unit, department);
        sibling = OrgUnit.Create("TM", "Teknik og Miljø", OrgUnitKind.Department, root);
    }

    [Fact]
    public void RoleAt_SeveralGrantsAboveUnit_IsHighest()
    {
        var access = Policy(Grant(root, Role.Viewer), Grant(department, Role.DepartmentHead), Grant(unit, Role.Leader));

        var role = access.RoleAt(unit.Path);

        role.ShouldBe(Role.DepartmentHead);
    }

    [Fact]
    public void RoleAt_GrantsBelowUnit_DoNotApplyUpwards()
    {
        var access = Policy(Grant(root, Role.Viewer), Grant(unit, Role.DepartmentHead));

        access.RoleAt(department.Path).ShouldBe(Role.Viewer);
        access.RoleAt(unit.Path).ShouldBe(Role.DepartmentHead);
    }

    [Fact]
    public void RoleAt_SiblingSubtree_IsNull()
    {
        var access = Policy(Grant(department, Role.DepartmentHead));

        access.RoleAt(sibling.Path).ShouldBeNull();
        access.RoleAt(root.Path).ShouldBeNull();
    }

    [Fact]
    public void IsGlobalAdmin_AdminOnRoot_IsTrue()
    {
        var access = Policy(Grant(root, Role.Admin));

        access.IsGlobalAdmin.ShouldBeTrue();
        Should.NotThrow(access.EnsureGlobalAdmin);
    }

    [Fact]
    public void IsGlobalAdmin_AdminOnDepartment_IsFalse()
    {
        var access = Policy(Grant(department, Role.Admin));

        access.IsGlobalAdmin.ShouldBeFalse();
        Should.Throw<ForbiddenException>(access.EnsureGlobalAdmin);
    }

    [Fact]
    public void IsGlobalAdmin_DepartmentHeadOnRoot_IsFalse()
    {
        var access = Policy(Grant(root, Role.DepartmentHead));

        access.IsGlobalAdmin.ShouldBeFalse();
    }

    [Fact]
    public void PersonId_TokenWithoutPerson_ThrowsForbidden()
    {
        var access = new AccessPolicy(new TestUser(null, [Grant(root, Role.Admin)]));

        Should.Throw<ForbiddenException>(() => access.PersonId);
    }

    [Fact]
    public void EnsureCanRead_InsideScope_DoesNotThrow()
    {
        var access = Policy(Grant(department, Role.Viewer));

        Should.NotThrow(() => access.EnsureCanRead(unit.Path, "Goal", Guid.NewGuid()));
    }

    [Fact]
    public void EnsureCanRead_OutsideScope_ThrowsNotFound()
    {
        var access = Policy(Grant(department, Role.DepartmentHead));

        Should.Throw<NotFoundException>(() => access.EnsureCanRead(sibling.Path, "Goal", Guid.NewGuid()));
    }

    [Fact]
    public void EnsureRole_OutsideScope_ThrowsNotFound()
    {
        var access = Policy(Grant(department, Role.DepartmentHead));

        Should.Throw<NotFoundException>(() => access.EnsureRole(sibling.Path, Role.Leader, "Goal", Guid.NewGuid(), new ErrorPart(nameof(ErrorTexts.DoCreateGoals))));
    }

    [Fact]
    public void EnsureRole_InsideScopeWithTooLowRole_ThrowsForbidden()
    {
        var access = Policy(Grant(department, Role.Viewer));

        Should.Throw<ForbiddenException>(() => access.EnsureRole(unit.Path, Role.Leader, "Goal", Guid.NewGuid(), new ErrorPart(nameof(ErrorTexts.DoCreateGoals))));
    }

    [Theory]
    [InlineData(Role.Leader)]
    [InlineData(Role.DepartmentHead)]
    [InlineData(Role.Admin)]
    public void EnsureRole_HoldingLeaderOrAbove_AllowsLeaderWork(Role held)
    {
        var access = Policy(Grant(department, held));

        Should.NotThrow(() => access.EnsureRole(unit.Path, Role.Leader, "Goal", Guid.NewGuid(), new ErrorPart(nameof(ErrorTexts.DoCreateGoals))));
    }

    [Fact]
    public void EnsureCanChangeOwned_OwnerLeader_DoesNotThrow()
    {
        var me = Guid.NewGuid();
        var access = Policy(me, Grant(unit, Role.Leader));

        Should.NotThrow(() => access.EnsureCanChangeOwned(unit.Path, me, "Goal", Guid.NewGuid()));
    }

    [Fact]
    public void EnsureCanChangeOwned_OtherLeader_ThrowsForbidden()
    {
        var access = Policy(Guid.NewGuid(), Grant(unit, Role.Leader));

        Should.Throw<ForbiddenException>(() => access.EnsureCanChangeOwned(unit.Path, Guid.NewGuid(), "Goal", Guid.NewGuid()));
    }

    [Fact]
    public void EnsureCanChangeOwned_OwnerWhoIsOnlyViewer_ThrowsForbidden()
    {
        var me = Guid.NewGuid();
        var access = Policy(me, Grant(unit, Role.Viewer));

        Should.Throw<ForbiddenException>(() => access.EnsureCanChangeOwned(unit.Path, me, "Goal", Guid.NewGuid()));
    }

    [Theory]
    [InlineData(Role.DepartmentHead)]
    [InlineData(Role.Admin)]
    public void EnsureCanChangeOwned_HeadOrAdminOverUnit_DoesNotThrow(Role held)
    {
        var access = Policy(Guid.NewGuid(), Grant(department, held));

        Should.NotThrow(() => access.EnsureCanChangeOwned(unit.Path, Guid.NewGuid(), "Goal", Guid.NewGuid()));
    }

    [Fact]
    public void EnsureCanChangeOwned_OutsideScope_ThrowsNotFoundEvenForOwner()
    {
        var me = Guid.NewGuid();
        var access = Policy(me, Grant(department, Role.DepartmentHead));

        Should.Throw<NotFoundException>(() => access.EnsureCanChangeOwned(sibling.Path, me, "Goal", Guid.NewGuid()));
    }

    [Fact]
    public void Scope_OneGrant_KeepsOnlyRowsInItsSubtree()
    {
        var access = Policy(Grant(department, Role.Viewer));

        var names = access.Scope(Rows().AsQueryable(), r => r.UnitPath).Select(r => r.Name).ToList();

        names.ShouldBe(["department", "unit"], ignoreOrder: true);
    }

    [Fact]
    public void Scope_TwoGrants_KeepsRowsUnderEither()
    {
        var access = Policy(Grant(unit, Role.Leader), Grant(sibling, Role.Viewer));

        var names = access.Scope(Rows().AsQueryable(), r => r.UnitPath).Select(r => r.Name).ToList();

        names.ShouldBe(["unit", "sibling"], ignoreOrder: true);
    }

    [Fact]
    public void Scope_WithMinimumRole_IgnoresLowerGrants()
    {
        var access = Policy(Grant(unit, Role.Leader), Grant(sibling, Role.Viewer));

        var names = access.Scope(Rows().AsQueryable(), r => r.UnitPath, Role.Leader).Select(r => r.Name).ToList();

        names.ShouldBe(["unit"]);
    }

    [Fact]
    public void Scope_NoGrants_KeepsNothing()
    {
        var access = Policy();

        var rows = access.Scope(Rows().AsQueryable(), r => r.UnitPath).ToList();

        rows.ShouldBeEmpty();
    }

    private static AccessPolicy Policy(params ScopeGrant[] grants) => Policy(Guid.NewGuid(), grants);

    private static AccessPolicy Policy(Guid personId, params ScopeGrant[] grants) => new(new TestUser(personId, grants));

    private static ScopeGrant Grant(OrgUnit on, Role role) => new(on.Id, on.Path, role);

    private List<Row> Rows() =>
    [
        new("root", root.Path),
        new("department", department.Path),
        new("unit", unit.Path),
        new("sibling", sibling.Path),
    ];

    private sealed record Row(string Name, string UnitPath);

    /// <summary>Supplies the caller's identity and grants, as the token handler does in the API.</summary>
    private sealed class TestUser(Guid? personId, IReadOnlyList<ScopeGrant> grants) : ICurrentUser
    {
        public Guid? PersonId { get; } = personId;
        public IReadOnlyList<ScopeGrant> Grants { get; } = grants;

        public Guid? TokenId => null;
    }
}
