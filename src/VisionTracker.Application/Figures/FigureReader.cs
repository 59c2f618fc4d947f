using Microsoft.Extensions.Options;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Figures;

/// <summary>
/// The figures a read shows beside a stored progress. <see cref="Status"/> is null for what is not running (a goal that
/// is not Active, a done or cancelled action, anything outside an Active period): its state says where it stands.
/// </summary>
public sealed record FigureView(double? Progress, double? Confidence, double ExpectedProgress, ProgressStatus? Status, string ConfidenceColour);

/// <summary>
/// Turns stored progress and confidence into what reads show, at the current time; nothing is recomputed. Expected
/// progress is exact: the share of the period gone by, the period running from 00:00 on its first day to 24:00 on its
/// last in the organisation's time zone (<see cref="FigureOptions.TimeZone"/>).
/// </summary>
public sealed class FigureReader(TimeProvider clock, IOptions<FigureOptions> options)
{
    private TimeZoneInfo? zone;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public int StaleAfterDays => options.Value.StaleAfterDays;

    public TimeZoneInfo TimeZone => zone ??= options.Value.ResolveTimeZone();

    /// <summary>Today's date in the organisation's time zone (<see cref="FigureOptions.TimeZone"/>).</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZone).DateTime);

    public double ExpectedProgress(DateOnly start, DateOnly end) => ExpectedProgress(start, end, Now);

    /// <summary>The expected progress at the instant <paramref name="at"/> (UTC) of a period from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public double ExpectedProgress(DateOnly start, DateOnly end, DateTime at) =>
        Rollup.ExpectedProgress(at, Period.StartOfDay(start, TimeZone), Period.StartOfDay(end.AddDays(1), TimeZone));

    /// <summary>The instant a day ends (24:00, the next day's 00:00) in the organisation's time zone, in UTC.</summary>
    public DateTime EndOfDay(DateOnly date) => Period.StartOfDay(date.AddDays(1), TimeZone);

    public StatusThresholds Thresholds => options.Value.Thresholds;

    /// <summary>The view of something <paramref name="running"/> or not, in a period from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public FigureView View(double? progress, double? confidence, DateOnly start, DateOnly end, bool running)
    {
        var expected = ExpectedProgress(start, end);
        return new FigureView(
            progress,
            confidence,
            expected,
            Rollup.StatusIfRunning(running, progress, expected, confidence, options.Value.Thresholds),
            Rollup.ConfidenceColour(confidence));
    }

    /// <summary>A goal (or one of its key results): running while it is Active, not archived, in an Active period.</summary>
    public FigureView Goal(double? progress, double? confidence, GoalState state, bool isArchived, PeriodDates period) =>
        View(progress, confidence, period.Start, period.End, FigureRules.GoalRuns(state, isArchived, period.State));

    /// <summary>An action: running while it is open (Planned, InProgress, Blocked) in an Active period.</summary>
    public FigureView Action(double? progress, double? confidence, ActionState state, PeriodDates period) =>
        View(progress, confidence, period.Start, period.End, FigureRules.ActionRuns(state, period.State));

    /// <summary>A theme, an org unit or the vision: running while the period is Active.</summary>
    public FigureView Area(double? progress, double? confidence, PeriodDates period) =>
        View(progress, confidence, period.Start, period.End, FigureRules.PeriodRunsCompiled(period.State));

    public bool IsStale(DateTime? lastCheckInAt, DateTime createdAt) => Rollup.IsStale(lastCheckInAt, createdAt, Now, StaleAfterDays);
}

/// <summary>What a figure needs of its period: when it runs and whether it does.</summary>
public readonly record struct PeriodDates(DateOnly Start, DateOnly End, PeriodState State)
{
    public static implicit operator PeriodDates(Period period) => new(period.Start, period.End, period.State);
}
