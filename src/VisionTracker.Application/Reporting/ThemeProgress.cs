namespace VisionTracker.Application.Reporting;

/// <summary>A theme's figures in a period: now (ThemeProgress) or on a past day (ThemeProgressAsOf).</summary>
public sealed class ThemeProgress : AreaProgress
{
    public ThemeProgress()
    {
    }

    internal ThemeProgress(AreaProgress shared)
        : base(shared)
    {
    }

    public Guid ThemeId { get; init; }
    public string ThemeTitle { get; init; } = "";
}
