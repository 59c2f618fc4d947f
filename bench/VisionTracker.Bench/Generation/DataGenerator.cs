using System.Diagnostics;
using System.Globalization;
using VisionTracker.Bench.Data;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Bench.Generation;

/// <summary>
/// Builds the organisation in memory (one seeded <see cref="Random"/>: a scale always gives the same organisation;
/// ids and times follow the clock) and writes it into the migrated, empty database with <see cref="BulkWriter"/>,
/// table by table, parents first. Three periods around today: one closed (the half-year before), one active (150 days
/// run, 31 to go), one in planning (the half-year after).
/// </summary>
public sealed class DataGenerator(BenchDatabase database, double scale)
{
    public async Task<GeneratedData> GenerateAsync(Action<string> log, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var now = DateTime.UtcNow;
        var random = new Random(20261130);
        var shape = DataShape.For(scale);
        var organisation = new Organisation(shape, random, now);
        var periods = Periods(DateOnly.FromDateTime(now), now);
        var plans = new Plans(organisation, shape, random, now);
        foreach (var period in periods)
        {
            plans.Add(period);
        }

        var history = new CheckInHistory(plans, periods.ToDictionary(p => p.Id), random, now);
        history.Write();
        log($"built in memory in {watch.Elapsed.TotalSeconds:0.0} s; writing");

        await using var context = database.CreateContext();
        var writer = new BulkWriter(database, context.Model);
        var counts = new Dictionary<string, int>();
        async Task Write<T>(string what, IReadOnlyCollection<T> rows)
            where T : class
        {
            var tableWatch = Stopwatch.StartNew();
            counts[what] = counts.GetValueOrDefault(what) + await writer.InsertAsync(rows, ct);
            log($"{rows.Count,9:N0} {what} in {tableWatch.Elapsed.TotalSeconds:0.0} s");
        }

        await Write("org units", organisation.Units);
        await Write("people", organisation.People);
        await Write("role assignments", organisation.Roles);
        await Write("api tokens", organisation.Tokens);
        await Write("visions", [organisation.Vision]);
        await Write("themes", organisation.Vision.Themes);
        await Write("periods", periods);
        await Write("goals", plans.Goals);
        await Write("theme alignments", plans.Alignments);
        await Write("key results", plans.KeyResults);
        await Write("milestones", plans.Milestones);
        await Write("actions", plans.Actions);
        await Write("collaborations", plans.Collaborations);
        await Write("check-ins", history.CheckIns);
        counts["leaders"] = organisation.Leaders.Count;

        return new GeneratedData(
            now,
            periods.Select(p => new BenchPeriod(p.Id, p.Name, p.State, p.Start, p.End)).ToList(),
            organisation.AdminToken,
            organisation.CouncilToken,
            organisation.Leaders,
            counts,
            watch.Elapsed);
    }

    private static List<Period> Periods(DateOnly today, DateTime now)
    {
        var activeStart = today.AddDays(-150);
        var activeEnd = today.AddDays(31);
        var closed = NewPeriod(activeStart.AddDays(-182), activeStart.AddDays(-1), now);
        closed.Activate();
        closed.Close();
        var active = NewPeriod(activeStart, activeEnd, now);
        active.Activate();
        var planning = NewPeriod(activeEnd.AddDays(1), activeEnd.AddDays(182), now);
        return [closed, active, planning];
    }

    private static Period NewPeriod(DateOnly start, DateOnly end, DateTime now) => new()
    {
        Name = string.Create(CultureInfo.InvariantCulture, $"{start:yyyy-MM-dd} – {end:yyyy-MM-dd}"),
        Start = start,
        End = end,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
