using VisionTracker.Domain.Figures;

namespace VisionTracker.Application.Figures;

public sealed class FigureOptions
{
    public const string Section = "Figures";

    public double OnTrackGap { get; set; } = 0.10;
    public double BehindGap { get; set; } = 0.25;
    public double LowConfidence { get; set; } = 0.3;
    public int StaleAfterDays { get; set; } = 14;

    /// <summary>The time zone whose calendar dates snapshots are filed under (IANA id).</summary>
    public string TimeZone { get; set; } = "Europe/Copenhagen";

    public StatusThresholds Thresholds => new(OnTrackGap, BehindGap, LowConfidence);
}
