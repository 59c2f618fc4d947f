using VisionTracker.Domain.Common;

namespace VisionTracker.Domain.Planning;

public sealed class Vision : VersionedEntity
{
    public required string Title { get; set; }
    public string Narrative { get; set; } = "";
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public bool IsActive { get; set; }
    public List<Theme> Themes { get; init; } = [];
}

public sealed class Theme : VersionedEntity
{
    public Guid VisionId { get; set; }
    public Vision? Vision { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public int SortOrder { get; set; }
}
