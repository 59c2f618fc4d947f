using VisionTracker.Domain.Common;

namespace VisionTracker.Domain.Organisation;

public enum OrgUnitKind
{
    Municipality,
    Department,
    Division,
    Unit,
}

public sealed class OrgUnit : VersionedEntity
{
    public const char PathSeparator = '/';

    public required string Code { get; set; }
    public required string Name { get; set; }
    public OrgUnitKind Kind { get; set; }
    public Guid? ParentId { get; private set; }
    public OrgUnit? Parent { get; private set; }

    /// <summary>Materialised path of ids, "/root/…/self/": a subtree is every unit whose path starts with this one's.</summary>
    public string Path { get; private set; } = "";

    /// <summary>Check-in cadence in days for this subtree; null inherits the parent's.</summary>
    public int? CheckInCadenceDays { get; set; }

    public static OrgUnit Create(string code, string name, OrgUnitKind kind, OrgUnit? parent)
    {
        var unit = new OrgUnit { Code = code, Name = name, Kind = kind };
        unit.Place(parent);
        return unit;
    }

    public bool IsInSubtreeOf(string ancestorPath) => Path.StartsWith(ancestorPath, StringComparison.Ordinal);

    /// <summary>The paths of the unit with this path and of every unit above it, root first: those whose subtree holds it.</summary>
    public static IReadOnlyList<string> SelfAndAncestorPaths(string path) =>
        [.. path.Select((c, i) => (c, i)).Where(x => x.c == PathSeparator && x.i > 0).Select(x => path[..(x.i + 1)])];

    /// <summary>Moves the unit under a new parent; returns the old path so the caller can re-root descendants.</summary>
    public string MoveTo(OrgUnit newParent)
    {
        if (newParent.IsInSubtreeOf(Path))
        {
            throw new DomainRuleException(nameof(ErrorTexts.UnitMoveUnderItself));
        }

        var old = Path;
        Place(newParent);
        return old;
    }

    public void Reroot(string oldAncestorPath, string newAncestorPath) =>
        Path = newAncestorPath + Path[oldAncestorPath.Length..];

    private void Place(OrgUnit? parent)
    {
        ParentId = parent?.Id;
        Parent = parent;
        Path = (parent?.Path ?? PathSeparator.ToString()) + Id.ToString("N") + PathSeparator;
    }
}
