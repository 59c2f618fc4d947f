using VisionTracker.Domain.Figures;

namespace VisionTracker.Application.Figures;

public sealed class FigureOptions
{
    public const string Section = "Figures";

    public double OnTrackGap { get; set; } = 0.10;
    public double BehindGap { get; set; } = 0.25;
    public double LowConfidence { get; set; } = 0.3;
    public int StaleAfterDays { get; set; } = 14;

    /// <summary>
    /// The organisation's time zone (IANA id; a Windows id works too): what "today" is for snapshots, reminders and the
    /// digest, and the zone every recurring job's cron expression is evaluated in.
    /// </summary>
    public string TimeZone { get; set; } = "Europe/Copenhagen";

    public TimeZoneInfo ResolveTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException($"Figures:TimeZone '{TimeZone}' is not a time zone this machine knows (use an IANA id such as Europe/Copenhagen).", e);
        }
    }

    public StatusThresholds Thresholds => new(OnTrackGap, BehindGap, LowConfidence);
}
