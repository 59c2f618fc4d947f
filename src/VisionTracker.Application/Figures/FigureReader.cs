using Microsoft.Extensions.Options;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Figures;

/// <summary>The figures a read shows beside a stored progress: expected progress, status, traffic light, staleness.</summary>
public sealed record FigureView(double? Progress, double? Confidence, double ExpectedProgress, ProgressStatus Status, string ConfidenceColour);

/// <summary>Turns stored progress and confidence into what reads show, at the current time; nothing is recomputed.</summary>
public sealed class FigureReader(TimeProvider clock, IOptions<FigureOptions> options)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public int StaleAfterDays => options.Value.StaleAfterDays;

    /// <summary>Today's date in the organisation's time zone (<see cref="FigureOptions.TimeZone"/>).</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), options.Value.ResolveTimeZone()).DateTime);

    public FigureView View(double? progress, double? confidence, DateOnly periodStart, DateOnly periodEnd)
    {
        var expected = Rollup.ExpectedProgress(
            Now,
            periodStart.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            periodEnd.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        return new FigureView(
            progress,
            confidence,
            Math.Round(expected, 4),
            Rollup.Status(progress, expected, confidence, options.Value.Thresholds),
            Rollup.ConfidenceColour(confidence));
    }

    public FigureView View(double? progress, double? confidence, Period period) => View(progress, confidence, period.Start, period.End);

    public bool IsStale(DateTime? lastCheckInAt, DateTime createdAt) => Rollup.IsStale(lastCheckInAt, createdAt, Now, StaleAfterDays);
}
