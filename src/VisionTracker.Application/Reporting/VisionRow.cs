namespace VisionTracker.Application.Reporting;

public sealed class VisionRow
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public string Narrative { get; init; } = "";
    public DateOnly ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
    public bool IsActive { get; init; }
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public List<ThemeRow> Themes { get; init; } = [];
}
