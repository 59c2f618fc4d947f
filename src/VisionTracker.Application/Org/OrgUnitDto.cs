using Riok.Mapperly.Abstractions;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Org;

public sealed record OrgUnitDto
{
    public Guid Id { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public OrgUnitKind Kind { get; init; }
    public Guid? ParentId { get; init; }
    public required string Path { get; init; }

    /// <summary>0 for the root (the municipality), 1 for its departments, and so on.</summary>
    public int Depth => Path.Count(c => c == OrgUnit.PathSeparator) - 2;

    public int? CheckInCadenceDays { get; init; }
    public int Version { get; init; }
}

[Mapper]
public static partial class OrgUnitMapper
{
    [MapperIgnoreSource(nameof(OrgUnit.Parent))]
    [MapperIgnoreSource(nameof(OrgUnit.CreatedAt))]
    [MapperIgnoreSource(nameof(OrgUnit.UpdatedAt))]
    [MapperIgnoreTarget(nameof(OrgUnitDto.Depth))]
    public static partial OrgUnitDto ToDto(this OrgUnit unit);

    public static partial IQueryable<OrgUnitDto> ProjectToDto(this IQueryable<OrgUnit> query);
}
