using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Periods;

namespace VisionTracker.Infrastructure.Jobs;

/// <summary>
/// Every night: recomputes every period's figures from scratch, one period per command (and transaction), and files
/// the day's snapshots of the periods that are not closed; a closed period is recomputed only when what its figures
/// depend on outside it has changed (<see cref="RecalculatePeriodFiguresCommand"/>). The date is the organisation's today (<see cref="FigureReader.Today"/>, <c>Figures:TimeZone</c>).
/// </summary>
public sealed class FiguresNightlyJob(ISender sender, FigureReader figures, ILogger<FiguresNightlyJob> logger)
    : IRecurringJob
{
    public const string JobId = "figures-nightly";

    public string Id => JobId;

    public const string Schedule = "30 2 * * *";

    public string DefaultCron => Schedule;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var date = figures.Today;
        var periods = await sender.Send(new GetPeriodsQuery(), cancellationToken);
        int repairs = 0, snapshots = 0;
        foreach (var period in periods)
        {
            var periodStarted = Stopwatch.GetTimestamp();
            var result = await sender.Send(new RecalculatePeriodFiguresCommand(period.Id, date), cancellationToken);
            repairs += result.Repairs;
            snapshots += result.Snapshots;
            if (result.Skipped)
            {
                logger.LogInformation(
                    "Nightly figures of period {PeriodName} ({PeriodId}, {PeriodState}): closed and unchanged since its last full run, skipped",
                    period.Name, period.Id, period.State);
                continue;
            }

            logger.Log(
                result.Repairs > 0 ? LogLevel.Warning : LogLevel.Information,
                "Nightly figures of period {PeriodName} ({PeriodId}, {PeriodState}): {Repairs} stored values repaired, {Snapshots} snapshots for {SnapshotDate:yyyy-MM-dd}, in {ElapsedMs:F0} ms",
                period.Name, period.Id, period.State, result.Repairs, result.Snapshots, date, Stopwatch.GetElapsedTime(periodStarted).TotalMilliseconds);
        }

        logger.LogInformation(
            "Nightly figures done for {SnapshotDate:yyyy-MM-dd}: {Periods} periods, {Repairs} stored values repaired, {Snapshots} snapshots, in {ElapsedMs:F0} ms",
            date, periods.Count, repairs, snapshots, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
