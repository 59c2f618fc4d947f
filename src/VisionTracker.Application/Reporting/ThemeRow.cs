namespace VisionTracker.Application.Reporting;

public sealed class ThemeRow
{
    public Guid Id { get; init; }
    public Guid VisionId { get; init; }
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public int SortOrder { get; init; }
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public VisionRow? Vision { get; init; }

    /// <summary>Goals aligned to the theme by an alignment not rejected in review (the goals its figures count).</summary>
    public List<GoalRow> Goals { get; init; } = [];
}
