using Riok.Mapperly.Abstractions;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Visions;

public sealed record VisionDto
{
    public Guid Id { get; init; }
    public required string Title { get; init; }
    public required string Narrative { get; init; }
    public DateOnly ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
    public bool IsActive { get; init; }
    public required IReadOnlyList<ThemeDto> Themes { get; init; }
    public int Version { get; init; }
}

public sealed record ThemeDto
{
    public Guid Id { get; init; }
    public Guid VisionId { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public int SortOrder { get; init; }
    public int Version { get; init; }
}

[Mapper]
public static partial class VisionMapper
{
    public static VisionDto ToDto(this Vision vision) => Map(vision).WithThemesOrdered();

    public static IQueryable<VisionDto> ProjectToDto(this IQueryable<Vision> query) => Project(query);

    /// <summary>Themes in their display order; the projection cannot order a nested collection.</summary>
    public static VisionDto WithThemesOrdered(this VisionDto vision) =>
        vision with { Themes = [.. vision.Themes.OrderBy(t => t.SortOrder).ThenBy(t => t.Title, StringComparer.Ordinal)] };

    [MapperIgnoreSource(nameof(Theme.Vision))]
    [MapperIgnoreSource(nameof(Theme.CreatedAt))]
    [MapperIgnoreSource(nameof(Theme.UpdatedAt))]
    public static partial ThemeDto ToDto(this Theme theme);

    public static partial IQueryable<ThemeDto> ProjectToDto(this IQueryable<Theme> query);

    [MapperIgnoreSource(nameof(Vision.CreatedAt))]
    [MapperIgnoreSource(nameof(Vision.UpdatedAt))]
    [UserMapping(Default = true)]
    private static partial VisionDto Map(Vision vision);

    private static partial IQueryable<VisionDto> Project(IQueryable<Vision> query);
}
