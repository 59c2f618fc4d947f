using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;
using VisionTracker.Infrastructure.Persistence;

namespace VisionTracker.Bench;

/// <summary>Per scenario: the timings in milliseconds, or null when the scenario's target is absent (n/a).</summary>
public sealed record DataSetResult(string Name, string Description, IReadOnlyDictionary<string, ScenarioTimings?> Timings);

/// <summary>The first run of a scenario (cold: query compilation, and for jobs the run that does the writing) and the measured runs after the warm-up.</summary>
public sealed record ScenarioTimings(double First, double[] Runs);

public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        var ct = CancellationToken.None;
        if (options.GenerateOnly)
        {
            await using var host = new BenchHost(options, "large", seedDemoData: false);
            host.Start();
            var (description, _) = await GenerateAsync(host, options, ct);
            Console.WriteLine($"Generated into {host.Database}: {description}");
            return 0;
        }

        var started = DateTime.UtcNow;
        List<DataSetResult> results = [];
        IReadOnlyList<Scenario> scenarios = [];
        foreach (var large in new[] { false, true })
        {
            await using var host = new BenchHost(options, large ? "large" : "demo", seedDemoData: !large);
            try
            {
                var startWatch = Stopwatch.StartNew();
                host.Start();
                var description = $"demo data (Aarhus), started and seeded in {startWatch.Elapsed.TotalSeconds:0.0} s";
                if (large)
                {
                    (description, _) = await GenerateAsync(host, options, ct);
                }

                scenarios = Scenarios.WithRegisteredJobs(host.Services);
                var targets = await TargetsAsync(host, ct);
                Console.Error.WriteLine($"[{(large ? "large" : "demo")}] {description}; measuring {scenarios.Count} scenarios × {options.Runs} runs");
                results.Add(new DataSetResult(large ? $"large (scale {options.Scale.ToString(CultureInfo.InvariantCulture)})" : "demo", description, await MeasureAsync(host, targets, scenarios, options, ct)));
            }
            finally
            {
                if (!options.Keep)
                {
                    await host.DisposeAsync();
                    await host.DropDatabaseAsync();
                }
            }
        }

        var report = Report(options, started, scenarios, results[0], results[1]);
        Console.WriteLine(report);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
        await File.WriteAllTextAsync(options.Output, report, ct);
        Console.Error.WriteLine($"Written to {options.Output}");
        return 0;
    }

    private static async Task<(string Description, GenerationResult Result)> GenerateAsync(BenchHost host, BenchOptions options, CancellationToken ct)
    {
        var clock = host.Services.GetRequiredService<TimeProvider>();
        var result = await new LargeDataGenerator(host.Services, options.Scale, clock.GetUtcNow().UtcDateTime).GenerateAsync(ct);
        var size = await host.DatabaseSizeAsync();
        var counts = string.Join(", ", result.Counts.Select(c => $"{c.Value:N0} {c.Key}"));
        return ($"generated in {result.Elapsed.TotalSeconds:0.0} s, database {size / 1024d / 1024d:0.0} MiB ({options.Provider}): {counts}", result);
    }

    /// <summary>The active period; the department with most active goals; its goal with most key results; a numeric key result of an active goal.</summary>
    private static async Task<BenchTargets> TargetsAsync(BenchHost host, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VisionTrackerDbContext>();
        var period = await db.Periods.Where(p => p.State == PeriodState.Active).OrderBy(p => p.Start).FirstAsync(ct);
        var departments = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.Department).Select(u => new { u.Id, u.Path }).ToListAsync(ct);
        var unitPaths = await db.Goals.Where(g => g.PeriodId == period.Id).Select(g => g.OwnerUnit!.Path).ToListAsync(ct);
        var department = departments.OrderByDescending(d => unitPaths.Count(p => p.StartsWith(d.Path, StringComparison.Ordinal))).First();
        var goal = await db.Goals.Where(g => g.PeriodId == period.Id && g.State == GoalState.Active)
            .OrderByDescending(g => g.KeyResults.Count).ThenBy(g => g.Title).Select(g => g.Id).FirstAsync(ct);
        var keyResult = await db.KeyResults
            .Where(k => k.PeriodId == period.Id && k.Goal!.State == GoalState.Active && (k.MetricKind == MetricKind.Number || k.MetricKind == MetricKind.Percentage))
            .OrderBy(k => k.Title).Select(k => new { k.Id, k.CurrentValue }).FirstAsync(ct);
        return new BenchTargets(period.Id, department.Id, goal, keyResult.Id, keyResult.CurrentValue);
    }

    private static async Task<Dictionary<string, ScenarioTimings?>> MeasureAsync(
        BenchHost host, BenchTargets targets, IReadOnlyList<Scenario> scenarios, BenchOptions options, CancellationToken ct)
    {
        var timings = new Dictionary<string, ScenarioTimings?>();
        var iteration = 0;
        foreach (var scenario in scenarios)
        {
            var runs = Math.Min(options.Runs, scenario.Runs ?? options.Runs);
            var available = true;
            var first = 0.0;
            for (var w = 0; w < Math.Max(1, Math.Min(options.WarmUp, runs)) && available; w++)
            {
                var warm = Stopwatch.StartNew();
                available = await scenario.RunAsync(host, targets, iteration++, ct);
                if (w == 0)
                {
                    first = warm.Elapsed.TotalMilliseconds;
                }
            }

            if (!available)
            {
                timings[scenario.Name] = null;
                continue;
            }

            var samples = new double[runs];
            for (var r = 0; r < runs; r++)
            {
                var watch = Stopwatch.StartNew();
                await scenario.RunAsync(host, targets, iteration++, ct);
                samples[r] = watch.Elapsed.TotalMilliseconds;
            }

            timings[scenario.Name] = new ScenarioTimings(first, samples);
        }

        return timings;
    }

    private static double Percentile(double[] samples, double p)
    {
        var sorted = samples.Order().ToArray();
        if (p == 50 && sorted.Length % 2 == 0)
        {
            return (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    private static string Report(BenchOptions options, DateTime started, IReadOnlyList<Scenario> scenarios, DataSetResult demo, DataSetResult large)
    {
        var inv = CultureInfo.InvariantCulture;
        string Ms(double v) => v.ToString(v < 10 ? "0.00" : v < 100 ? "0.0" : "0", inv);
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"# VisionTracker benchmark — {started:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine();
        sb.AppendLine(inv, $"Command: `scripts/bench.sh --scale {options.Scale.ToString(inv)} --provider {options.Provider} --runs {options.Runs}` (warm-up {options.WarmUp}); "
            + $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, Release, real HTTP over Kestrel on loopback.");
        sb.AppendLine();
        sb.AppendLine(inv, $"- **demo**: {demo.Description}");
        sb.AppendLine(inv, $"- **{large.Name}**: {large.Description}");
        sb.AppendLine();
        sb.AppendLine("| scenario | demo first ms | demo median ms | demo p95 ms | large first ms | large median ms | large p95 ms | ratio large/demo (median) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var scenario in scenarios)
        {
            var dt = demo.Timings.GetValueOrDefault(scenario.Name);
            var lt = large.Timings.GetValueOrDefault(scenario.Name);
            var d = dt?.Runs;
            var l = lt?.Runs;
            var runs = d?.Length ?? l?.Length;
            var name = runs is { } n && n != options.Runs ? $"{scenario.Name} ({n} runs)" : scenario.Name;
            string Cell(double[]? s, double p) => s is null ? "n/a" : Ms(Percentile(s, p));
            var ratio = d is null || l is null ? "n/a" : (Percentile(l, 50) / Percentile(d, 50)).ToString("0.0", inv) + "×";
            string First(ScenarioTimings? t) => t is null ? "n/a" : Ms(t.First);
            sb.AppendLine(inv, $"| {name} | {First(dt)} | {Cell(d, 50)} | {Cell(d, 95)} | {First(lt)} | {Cell(l, 50)} | {Cell(l, 95)} | {ratio} |");
        }

        var tree = "GET /api/vision/tree?periodId=active";
        var checkIn = "POST /api/key-results/{id}/check-ins";
        sb.AppendLine();
        foreach (var set in new[] { demo, large })
        {
            if (set.Timings.GetValueOrDefault(tree)?.Runs is { } t && set.Timings.GetValueOrDefault(checkIn)?.Runs is { } c)
            {
                sb.AppendLine(inv, $"- {set.Name}: a check-in costs {(Percentile(c, 50) / Percentile(t, 50)).ToString("0.00", inv)}× a vision-tree read (medians).");
            }
        }

        sb.AppendLine("- first: the first run, before the warm-up is over (cold: EF Core query compilation; for a job, the run that finds and writes the work — the runs after it find it done, as a repeated job should).");
        sb.AppendLine("- n/a: the route or job does not exist in this build. Absolute times on a shared machine are noisy; compare ratios within one run.");
        return sb.ToString();
    }
}
