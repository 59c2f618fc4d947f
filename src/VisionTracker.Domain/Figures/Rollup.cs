using System.Linq.Expressions;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Domain.Figures;

public enum ProgressStatus
{
    NoData,
    OnTrack,
    Behind,
    AtRisk,
}

public sealed record StatusThresholds(double OnTrackGap = 0.10, double BehindGap = 0.25, double LowConfidence = 0.3);

/// <summary>The roll-up rules of the domain, in one place. Everything that shows a figure computes it here.</summary>
public static class Rollup
{
    public static double KeyResultProgress(
        MetricKind kind, Direction direction, double start, double target, double current, int milestonesDone, int milestoneCount)
    {
        switch (kind)
        {
            case MetricKind.YesNo:
                return current >= 1 ? 1 : 0;
            case MetricKind.Milestone:
                return milestoneCount == 0 ? 0 : Clamp((double)milestonesDone / milestoneCount);
            default:
                break;
        }

        // Start = target is a "hold the line" key result: met or not, in its direction.
        if (target == start)
        {
            var met = direction == Direction.Increase ? current >= target : current <= target;
            return met ? 1 : 0;
        }

        return Clamp((current - start) / (target - start));
    }

    public static double? GoalProgress(IEnumerable<(double Progress, double Weight)> keyResults, IEnumerable<double?> childGoals)
    {
        var krs = keyResults.ToList();
        if (krs.Count == 0)
        {
            return Mean(childGoals);
        }

        var totalWeight = krs.Sum(k => k.Weight);

        // All weights zero says "no preference", not "nothing counts": fall back to the plain mean.
        return totalWeight <= 0 ? krs.Average(k => k.Progress) : krs.Sum(k => k.Progress * k.Weight) / totalWeight;
    }

    public static double? ActionProgress(ActionState state, double reportedProgress) => state switch
    {
        ActionState.Done => 1,
        ActionState.Cancelled => null,
        _ => Clamp(reportedProgress),
    };

    /// <summary>The mean kept as a sum and a count (area figures): null when nothing is counted.</summary>
    public static readonly Expression<Func<double, int, double?>> MeanOfSum = (sum, count) => count == 0 ? null : sum / count;

    private static readonly Func<double, int, double?> MeanOfSumCompiled = MeanOfSum.Compile();

    public static double? Mean(double sum, int count) => MeanOfSumCompiled(sum, count);

    /// <summary>Mean of the values that exist; null when none does.</summary>
    public static double? Mean(IEnumerable<double?> values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return present.Count == 0 ? null : present.Average();
    }

    /// <summary>A goal is as confident as its least confident key result.</summary>
    public static double? MinConfidence(IEnumerable<double?> values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return present.Count == 0 ? null : present.Min();
    }

    public static double ExpectedProgress(DateTime at, DateTime periodStart, DateTime periodEnd)
    {
        if (periodEnd <= periodStart)
        {
            return at >= periodEnd ? 1 : 0;
        }

        return Clamp((at - periodStart).TotalSeconds / (periodEnd - periodStart).TotalSeconds);
    }

    /// <summary>The status of something running; what is not running (see <see cref="FigureRules"/>) has none.</summary>
    public static ProgressStatus? StatusIfRunning(bool running, double? progress, double expected, double? confidence, StatusThresholds thresholds) =>
        running ? Status(progress, expected, confidence, thresholds) : null;

    /// <summary>
    /// The status from progress, expected progress, confidence and the thresholds (on-track gap, behind gap, low
    /// confidence), with gap = expected − progress. Written once as an expression: the feed runs it in SQL, everything
    /// else calls its compiled form through <see cref="Status"/>.
    /// </summary>
    public static readonly Expression<Func<double?, double, double?, double, double, double, ProgressStatus>> StatusRule =
        (progress, expected, confidence, onTrackGap, behindGap, lowConfidence) =>
            progress == null ? ProgressStatus.NoData
            : expected - progress > behindGap || confidence < lowConfidence ? ProgressStatus.AtRisk
            : expected - progress > onTrackGap ? ProgressStatus.Behind
            : ProgressStatus.OnTrack;

    private static readonly Func<double?, double, double?, double, double, double, ProgressStatus> StatusCompiled = StatusRule.Compile();

    public static ProgressStatus Status(double? progress, double expected, double? confidence, StatusThresholds thresholds) =>
        StatusCompiled(progress, expected, confidence, thresholds.OnTrackGap, thresholds.BehindGap, thresholds.LowConfidence);

    public static bool IsStale(DateTime? lastCheckInAt, DateTime createdAt, DateTime now, int staleAfterDays) =>
        FigureRules.StaleBeforeCompiled(lastCheckInAt, createdAt, StaleCutoff(now, staleAfterDays));

    /// <summary>Anything without a check-in since this instant is stale.</summary>
    public static DateTime StaleCutoff(DateTime now, int staleAfterDays) => now.AddDays(-staleAfterDays);

    /// <summary>Confidence shown as a traffic light.</summary>
    public static string ConfidenceColour(double? confidence) => confidence switch
    {
        null => "none",
        < 0.3 => "red",
        < 0.7 => "amber",
        _ => "green",
    };

    private static double Clamp(double value) => double.IsNaN(value) ? 0 : Math.Clamp(value, 0, 1);
}
