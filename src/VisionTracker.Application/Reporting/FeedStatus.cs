using System.Linq.Expressions;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Reporting;

/// <summary>
/// Expected progress and status as columns the database computes, so the feed can filter, sort and group by them:
/// each period's expected progress at one instant is worked out here by the one rule (<see cref="FigureReader"/>, that
/// is <see cref="Rollup.ExpectedProgress"/>) and sent as query parameters, and the status is <see cref="Rollup.StatusRule"/>
/// inlined over the row's own progress and confidence.
/// </summary>
internal sealed class FeedStatus
{
    private readonly List<(Guid Id, double Expected, bool Runs)> periods;
    private readonly StatusThresholds thresholds;

    /// <param name="runs">Whether a period (start, end, state) runs, for <see cref="PeriodRuns"/>: <see cref="FigureRules.PeriodRuns"/> unless given.</param>
    public FeedStatus(IReportingData data, FigureReader figures, DateTime at, Func<DateOnly, DateOnly, PeriodState, bool>? runs = null)
    {
        runs ??= (_, _, state) => FigureRules.PeriodRunsCompiled(state);
        periods = data.Periods.Select(p => new { p.Id, p.Start, p.End, p.State }).AsEnumerable()
            .Select(p => (p.Id, figures.ExpectedProgress(p.Start, p.End, at), runs(p.Start, p.End, Enum.Parse<PeriodState>(p.State)))).ToList();
        thresholds = figures.Thresholds;
    }

    /// <summary>periodId = r1 or periodId = r2 …: the period runs (by the rule given, else <see cref="FigureRules.PeriodRuns"/>), without a join to it.</summary>
    public Expression PeriodRuns(Expression periodId) =>
        periods.Where(p => p.Runs).Aggregate<(Guid Id, double Expected, bool Runs), Expression>(
            Expression.Constant(false), (any, p) => Expression.OrElse(any, Expression.Equal(periodId, Value(p.Id))));

    /// <summary>periodId = p1 ? e1 : periodId = p2 ? e2 : … (every period is listed; the last fallback is never reached).</summary>
    public Expression Expected(Expression periodId)
    {
        Expression result = Expression.Constant(0.0);
        foreach (var (id, expected, _) in periods)
        {
            result = Expression.Condition(Expression.Equal(periodId, Value(id)), Value(expected), result);
        }

        return result;
    }

    /// <summary>The status's name while <paramref name="running"/>, else null (what is not running has no status).</summary>
    public Expression Status(Expression running, Expression periodId, Expression progress, Expression confidence)
    {
        var status = Rule.Inline(
            Rollup.StatusRule, progress, Expected(periodId), confidence, Value(thresholds.OnTrackGap), Value(thresholds.BehindGap), Value(thresholds.LowConfidence));
        return Expression.Condition(running, Rule.AsName<ProgressStatus>(status), Expression.Constant(null, typeof(string)));
    }

    /// <summary>A value EF Core sends as a parameter (one query plan for every instant).</summary>
    private static Expression Value<T>(T value) => Rule.Parameter<object, T>(value).Body;
}
