using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using VisionTracker.Bench.Data;
using VisionTracker.Bench.Figures;
using VisionTracker.Bench.Generation;
using VisionTracker.Bench.Load;
using VisionTracker.Bench.Reads;
using VisionTracker.Bench.Report;
using VisionTracker.Bench.Service;

namespace VisionTracker.Bench;

/// <summary>
/// One run: generate the data set into a fresh database, start the service as its own process, let its nightly run fill
/// in the area figures, then measure start-up, the nightly run, the reads and the check-in load, each beside
/// hand-written SQL on the same database, and write the table. Exit code 1 when an answer differed, a check-in was
/// lost or duplicated, or the data set was not consistent; targets missed are reported, not failed.
/// </summary>
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

        var total = Stopwatch.StartNew();
        void Log(string message) => Console.Error.WriteLine($"[{total.Elapsed:mm\\:ss}] {message}");
        var ct = CancellationToken.None;
        if (options.ReadsOnly)
        {
            return await ReadsOnlyAsync(options, Log, ct);
        }

        if (options.CheckInsOnly)
        {
            return await CheckInsOnlyAsync(options, Log, ct);
        }

        if (options.NightlyOnly)
        {
            return await NightlyOnlyAsync(options, Log, ct);
        }

        var database = BenchDatabase.Create(options);
        try
        {
            var result = await RunAsync(options, database, total, Log, ct);
            var markdown = ReportWriter.Markdown(result);
            Console.WriteLine(markdown);
            await ReportWriter.WriteAsync(result, markdown, options.OutputFolder, ct);
            Log($"written to {Path.Combine(options.OutputFolder, "latest.md")} and latest.json");
            if (options.Publish)
            {
                await ReportWriter.PublishAsync(result, markdown, options.RepositoryRoot, ct);
                Log("published to docs/performance.md and docs/performance.json");
            }

            return result.Problems.Count == 0 ? 0 : 1;
        }
        finally
        {
            if (options.Keep)
            {
                Log($"kept the database {database.Name}");
            }
            else
            {
                await database.DropAsync();
            }
        }
    }

    /// <summary>
    /// <c>--reuse NAME --only reads</c>: the read scenarios alone (those matching <c>--match</c>) against the service
    /// started on a database kept by an earlier run, as the whole run measures them; the database is left as it was.
    /// </summary>
    private static async Task<int> ReadsOnlyAsync(BenchOptions options, Action<string> log, CancellationToken ct)
    {
        if (await KeptDatabaseAsync(options) is not { } database)
        {
            return 2;
        }

        log($"starting the service on the kept {database.Provider} database {database.Name}");
        var council = Organisation.Token("council");
        await using var service = await ServiceProcess.StartAsync(options.ApiDll!, database, council, ct);
        await using var context = database.CreateContext();
        var targets = await ReadTargets.FindAsync(database, ct);
        using var reader = ReadRunner.CreateClient(service.Address, council);
        var runner = new ReadRunner(reader, database, new FigureColumns(context.Model), options);
        var failed = 0;
        log($"reading as the council analyst: period {targets.PeriodName}, goal {targets.GoalId}");
        Console.WriteLine($"| read ({database.Provider}, load average {LoadAverage()} at the start) | service p50 / p95 | SQL p50 / p95 | ratio p50 · p95 | runs |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var scenario in RestReads.All.Concat(ODataReads.All).Where(s => options.Match is null || $"{s.Api}: {s.Name}".Contains(options.Match, StringComparison.OrdinalIgnoreCase)))
        {
            var figures = ReadFigures(await runner.RunAsync(scenario, targets, ct));
            failed += figures.Agrees ? 0 : 1;
            Console.WriteLine(
                $"| {figures.Api}: {figures.Name}{(figures.Agrees ? "" : " — FAILED: " + (figures.Error ?? "the answers differ"))} | {Stats.Ms(figures.ServiceP50Ms)} / {Stats.Ms(figures.ServiceP95Ms)} " +
                $"| {Stats.Ms(figures.SqlP50Ms)} / {Stats.Ms(figures.SqlP95Ms)} | {Stats.Ratio(figures.RatioP50)} · {Stats.Ratio(figures.RatioP95)} | {figures.Runs} |");
        }

        log($"load average {LoadAverage()} at the end");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>The database an earlier run kept (<c>--reuse NAME</c>), or null (said on stderr) when there is none.</summary>
    private static async Task<BenchDatabase?> KeptDatabaseAsync(BenchOptions options)
    {
        BenchDatabase database = options.IsPostgres
            ? new PostgresBenchDatabase(options.PostgresServer!, options.Reuse!)
            : new SqliteBenchDatabase(Path.Combine(Path.GetFullPath(options.WorkFolder), options.Reuse! + ".db"), options.Reuse!);
        if (database is SqliteBenchDatabase { File: var file } && !File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"No kept database {file}.");
            return null;
        }

        return database;
    }

    /// <summary>
    /// <c>--reuse NAME --only checkins</c>: the check-in levels alone against the service started on a database kept by
    /// an earlier run, with the whole run's checks (every accepted check-in stored once, the newest shown, a nightly run
    /// after the load repairs nothing). Its check-ins (keys <c>bench-r&lt;time&gt;-…</c>) stay in the database.
    /// </summary>
    private static async Task<int> CheckInsOnlyAsync(BenchOptions options, Action<string> log, CancellationToken ct)
    {
        if (await KeptDatabaseAsync(options) is not { } database)
        {
            return 2;
        }

        var admin = Organisation.Token("admin");
        log($"starting the service on the kept {database.Provider} database {database.Name}");
        await using var service = await ServiceProcess.StartAsync(options.ApiDll!, database, admin, ct);
        await using var context = database.CreateContext();
        var (periodId, _) = await ReadTargets.ActivePeriodAsync(database, ct);
        var leaders = await LoadClient.KeptLeadersAsync(database, ct);
        List<string> problems = [];
        var (levels, verification) = await LoadAsync(
            options, database, context, service, periodId, leaders, $"bench-r{DateTime.UtcNow:yyyyMMddHHmmss}-", problems, log, ct);
        var afterLoad = await NightlyRun.RunAsync(service, admin, ct);
        log($"a nightly run after the load repaired {afterLoad.Repairs} stored values");
        if (afterLoad.Repairs != 0)
        {
            problems.Add($"The nightly run after the check-ins repaired {afterLoad.Repairs} stored values: the figures the check-ins moved are not what a full recompute gives.");
        }

        Console.WriteLine($"| {database.Provider}, load average {LoadAverage()} at the end | VisionTracker | hand-written SQL | ratio |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (figure, measured, sql, ratio) in levels.Select(ReportWriter.CheckInCells))
        {
            Console.WriteLine($"| {figure} | {measured} | {sql} | {ratio} |");
        }

        var v = verification;
        Console.WriteLine($"\nAfter the load: {v.Accepted} accepted, {v.Stored} stored with their keys, {v.Lost} lost or altered, {v.Duplicated} duplicated, {v.Unexpected} unexpected, {v.StaleCurrentValues} key results not showing their newest check-in.");
        foreach (var problem in problems)
        {
            Console.WriteLine($"- {problem}");
        }

        return problems.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// <c>--reuse NAME --only nightly</c>: on a database kept by an earlier run (consistent: the run repairs nothing), one
    /// warm-up nightly run (JIT, caches), then <c>--runs</c> measured ones, each followed by the raw aggregate, as the
    /// whole run measures them; around each run the service's CPU time (utime + stime) and resident set (VmRSS, VmHWM).
    /// Every run of the day after the first rewrites only that day's snapshot rows whose values moved. Prints the figures, writes nothing else.
    /// </summary>
    private static async Task<int> NightlyOnlyAsync(BenchOptions options, Action<string> log, CancellationToken ct)
    {
        if (await KeptDatabaseAsync(options) is not { } database)
        {
            return 2;
        }

        var admin = Organisation.Token("admin");
        log($"starting the service on the kept {database.Provider} database {database.Name}");
        await using var service = await ServiceProcess.StartAsync(options.ApiDll!, database, admin, ct);
        log($"after the start: VmRSS {MB(service.ResidentSet()):F0} MB, VmHWM {MB(service.PeakWorkingSet()):F0} MB; the warm-up nightly run");
        var warmUp = await NightlyRun.RunAsync(service, admin, ct);
        log($"warm-up: {Stats.Ms(warmUp.ElapsedMs)}, {warmUp.Repairs} repairs, {warmUp.Snapshots} snapshots; VmHWM {MB(service.PeakWorkingSet()):F0} MB");
        Console.WriteLine($"| nightly run ({database.Provider}) | job | service CPU | raw aggregate | its CPU here | ratio · CPU ratio | repairs | VmRSS before → after | VmHWM after | load average |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        List<string> problems = [];
        List<double> ratios = [];
        Dictionary<(string, Guid), FigurePair> computed = [];
        var lastRun = 0;
        for (var i = 1; i <= Math.Max(2, options.Runs); i++)
        {
            lastRun = service.LogCount;
            var (rssBefore, cpuBefore) = (service.ResidentSet(), service.CpuSeconds());
            var nightly = await NightlyRun.RunAsync(service, admin, ct);
            var (rssAfter, cpuAfter) = (service.ResidentSet(), service.CpuSeconds());
            var serviceCpuMs = ((cpuAfter ?? 0) - (cpuBefore ?? 0)) * 1000;

            // SQLite runs the aggregate inside this process, so its CPU is this process's; PostgreSQL's is the server's.
            var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
            (computed, var rawMs) = await RawFigures.ComputeAsync(database, ct);
            var rawCpuMs = database.Provider == "sqlite" ? (Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalMilliseconds : double.NaN;
            ratios.Add(nightly.ElapsedMs / rawMs);
            Console.WriteLine(
                $"| {i} | {Stats.Ms(nightly.ElapsedMs)} | {Stats.Ms(serviceCpuMs)} | {Stats.Ms(rawMs)} | {(double.IsNaN(rawCpuMs) ? "–" : Stats.Ms(rawCpuMs))} " +
                $"| {Stats.Ratio(nightly.ElapsedMs / rawMs)} · {Stats.Ratio(serviceCpuMs / rawCpuMs)} | {nightly.Repairs} | {MB(rssBefore):F0} → {MB(rssAfter):F0} MB " +
                $"| {MB(service.PeakWorkingSet()):F0} MB | {LoadAverage()} |");
            if (nightly.Repairs != 0)
            {
                problems.Add($"Nightly run {i} repaired {nightly.Repairs} stored values: the kept database is not consistent.");
            }
        }

        var check = await RawFigures.CompareWithStoredAsync(database, computed, ct);
        if (check.Mismatches > 0)
        {
            problems.Add($"{check.Mismatches} of {check.Compared} stored key-result and goal figures differ from the hand-written aggregate, e.g. {string.Join("; ", check.Examples)}");
        }

        Console.WriteLine($"median ratio {Stats.Ratio(Stats.Percentile(ratios, 50))}; {check.Mismatches} of {check.Compared} stored figures differ from the raw aggregate");

        // The job's own line per period of the last run (its time, repairs and snapshots, or skipped).
        foreach (var entry in service.LogsFrom(lastRun).Where(e => e.TryGetProperty("Category", out var c) && c.GetString() == NightlyRun.JobCategory))
        {
            Console.WriteLine($"  {entry.GetProperty("Message").GetString()}");
        }

        // With EF Core's command log switched on for the service (Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information
        // in the environment, which the service inherits), the last run's statements by time.
        var statements = service.LogsFrom(lastRun)
            .Where(e => e.TryGetProperty("Category", out var c) && c.GetString() == "Microsoft.EntityFrameworkCore.Database.Command"
                && e.TryGetProperty("State", out var st) && st.TryGetProperty("elapsed", out _))
            .Select(e => (Ms: double.Parse(e.GetProperty("State").GetProperty("elapsed").GetString()!, CultureInfo.InvariantCulture),
                Text: e.GetProperty("State").TryGetProperty("commandText", out var t) ? t.GetString()! : ""))
            .ToList();
        if (statements.Count > 0)
        {
            Console.WriteLine($"last run: {statements.Count} statements, {Stats.Ms(statements.Sum(x => x.Ms))} in the database; the slowest:");
            foreach (var (ms, text) in statements.OrderByDescending(x => x.Ms).Take(15))
            {
                var line = string.Join(' ', text.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
                Console.WriteLine($"  {Stats.Ms(ms),8}  {line[..Math.Min(160, line.Length)]}");
            }
        }

        problems.Distinct().ToList().ForEach(p => Console.Error.WriteLine(p));
        return problems.Count == 0 ? 0 : 1;
    }

    private static async Task<BenchResult> RunAsync(BenchOptions options, BenchDatabase database, Stopwatch total, Action<string> log, CancellationToken ct)
    {
        List<string> problems = [];
        var measuredAt = DateTime.UtcNow;
        var loadAtStart = LoadAverage();
        log($"creating {database.Provider} database {database.Name} with the service's migrations");
        await database.CreateAsync(ct);
        log($"generating the data set at scale {options.ScaleName}");
        var data = await new DataGenerator(database, options.Scale).GenerateAsync(m => log("  " + m), ct);

        log("starting the service");
        await using var service = await ServiceProcess.StartAsync(options.ApiDll!, database, data.CouncilToken, ct);
        var workingSet = new Dictionary<string, double> { ["start"] = MB(service.PeakWorkingSet()) };
        log($"first answer {Stats.Ms(service.StartToFirstAnswer.TotalMilliseconds)} after the start; the first nightly run fills in the area figures");
        var first = await NightlyRun.RunAsync(service, data.AdminToken, ct);
        var dataSet = new DataSetFigures(
            options.ScaleName, data.Counts, data.InsertTime.TotalSeconds, first.WallMs / 1000, first.Repairs,
            data.InsertTime.TotalSeconds + (first.WallMs / 1000), 0);

        log("the measured nightly run");
        var nightly = await NightlyRun.RunAsync(service, data.AdminToken, ct);
        workingSet["nightly"] = MB(service.PeakWorkingSet());
        if (nightly.Repairs != 0)
        {
            problems.Add($"The second nightly run repaired {nightly.Repairs} stored values: the generated figures are not what a full recompute gives.");
        }

        var nightlyFigures = await RawAggregateAsync(database, nightly, problems, log, ct);

        await using var context = database.CreateContext();
        var figureColumns = new FigureColumns(context.Model);
        var targets = await ReadTargets.FindAsync(database, data.Active, ct);
        using var reader = ReadRunner.CreateClient(service.Address, data.CouncilToken);
        var runner = new ReadRunner(reader, database, figureColumns, options);
        List<ReadFigures> reads = [];
        foreach (var scenario in RestReads.All.Concat(ODataReads.All))
        {
            var logged = service.LogCount;
            var read = await runner.RunAsync(scenario, targets, ct);
            var figures = ReadFigures(read);
            reads.Add(figures);
            log($"{read.Api} {read.Name}: {Stats.Ms(figures.ServiceP95Ms)} vs SQL {Stats.Ms(figures.SqlP95Ms)} (p95, {Stats.Ratio(figures.RatioP95)}){(read.Mismatch is null ? "" : " — ANSWERS DIFFER")}{(read.Error is null ? "" : " — " + read.Error)}");
            if (read.Mismatch is not null)
            {
                problems.Add($"{read.Api} '{read.Name}' ({read.Url}) and its SQL answer differ: {read.Mismatch}");
            }

            if (read.Error is not null)
            {
                var errors = service.ErrorsFrom(logged);
                problems.Add($"{read.Api} '{read.Name}' failed: {read.Error}{(errors.Count == 0 ? "" : $" The service logged: {string.Join(" | ", errors.Take(3))}")}");
            }
        }

        workingSet["reads"] = MB(service.PeakWorkingSet());
        var (checkIns, verification) = await LoadAsync(options, database, context, service, data.Active.Id, data.Leaders, "bench-", problems, log, ct);
        workingSet["check-ins"] = MB(service.PeakWorkingSet());

        // The figures the check-ins moved, updated a little at a time under load, must be what a full recompute gives.
        var afterLoad = await NightlyRun.RunAsync(service, data.AdminToken, ct);
        log($"a nightly run after the load repaired {afterLoad.Repairs} stored values");
        if (afterLoad.Repairs != 0)
        {
            problems.Add($"The nightly run after the check-ins repaired {afterLoad.Repairs} stored values: the figures the check-ins moved are not what a full recompute gives.");
        }

        var serviceFigures = new ServiceFigures(
            service.StartToFirstAnswer.TotalMilliseconds, workingSet.Values.Max(), workingSet, service.Logged("Error") + service.Logged("Critical"), service.Logged("Warning"),
            service.Complaints(8));
        dataSet = dataSet with { DatabaseMiB = await database.SizeAsync(ct) / 1024d / 1024d };
        return new BenchResult
        {
            MeasuredAt = measuredAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            Command = options.Command,
            Provider = database.Provider,
            Change = options.Change,
            Machine = $"{Environment.ProcessorCount} cores shared (load average {loadAtStart} at the start, {LoadAverage()} at the end), {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {ServiceBuild(options.ApiDll!)}",
            DataSet = dataSet,
            Service = serviceFigures,
            Nightly = nightlyFigures,
            Reads = reads,
            CheckIns = checkIns,
            Verification = verification,
            Targets = Report.Targets.Evaluate(dataSet, serviceFigures, nightlyFigures, reads, checkIns),
            Problems = problems,
            TotalSeconds = total.Elapsed.TotalSeconds,
        };
    }

    /// <summary>The hand-written aggregate, three times (the median is the reference), and its answer against the stored figures.</summary>
    private static async Task<NightlyFigures> RawAggregateAsync(BenchDatabase database, NightlyResult nightly, List<string> problems, Action<string> log, CancellationToken ct)
    {
        List<double> times = [];
        Dictionary<(string, Guid), FigurePair> computed = [];
        for (var i = 0; i < 3; i++)
        {
            (computed, var ms) = await RawFigures.ComputeAsync(database, ct);
            times.Add(ms);
        }

        var check = await RawFigures.CompareWithStoredAsync(database, computed, ct);
        if (check.Mismatches > 0)
        {
            problems.Add($"{check.Mismatches} of {check.Compared} stored key-result and goal figures differ from the hand-written aggregate, e.g. {string.Join("; ", check.Examples)}");
        }

        var raw = Stats.Percentile(times, 50);
        log($"nightly run {Stats.Ms(nightly.ElapsedMs)} ({nightly.Repairs} repairs) vs the raw aggregate {Stats.Ms(raw)}; {check.Mismatches} of {check.Compared} figures differ");
        return new NightlyFigures(nightly.ElapsedMs, nightly.WallMs, nightly.Repairs, nightly.Snapshots, raw, nightly.ElapsedMs / raw, check.Compared, check.Mismatches);
    }

    private static async Task<(List<CheckInFigures>, VerificationFigures)> LoadAsync(
        BenchOptions options, BenchDatabase database, Microsoft.EntityFrameworkCore.DbContext context, ServiceProcess service, Guid periodId,
        IReadOnlyList<BenchLeader> leaders, string keyPrefix, List<string> problems, Action<string> log, CancellationToken ct)
    {
        var clients = await LoadClient.FindAsync(database, periodId, leaders, options.Clients.Max(), ct);
        var load = new CheckInLoad(service, database, new BulkWriter(database, context.Model), periodId, keyPrefix);
        List<CheckInFigures> levels = [];
        if (options.WarmUp > 0)
        {
            log($"warming the service up with {options.WarmUp} check-ins from {clients.Count} client(s), untimed");
            log($"  {await load.WarmUpAsync(clients, options.WarmUp, ct)} accepted");
        }

        foreach (var count in options.Clients)
        {
            log($"check-ins from {count} client(s) for {options.DurationSeconds} s");
            var level = await load.RunLevelAsync(clients.Take(count).ToList(), TimeSpan.FromSeconds(options.DurationSeconds), ct);
            var figures = new CheckInFigures(
                level.Clients, level.Seconds, level.Accepted, level.PerSecond, Stats.Percentile(level.LatencyMs, 50), Stats.Percentile(level.LatencyMs, 95),
                level.MaxMs, level.Attempts, level.Errors, level.Unfinished, level.Replays, level.ReplayFailures,
                level.Raw.PerSecond, Stats.Percentile(level.Raw.LatencyMs, 50), Stats.Percentile(level.Raw.LatencyMs, 95), level.Raw.Rows,
                level.PerSecond > 0 ? level.Raw.PerSecond / level.PerSecond : double.PositiveInfinity, level.CpuMsPerCheckIn);
            levels.Add(figures);
            log($"  {Stats.Rate(figures.PerSecond)}, p50 {Stats.Ms(figures.P50Ms)}, p95 {Stats.Ms(figures.P95Ms)}, longest {Stats.Ms(figures.MaxMs)}, {Stats.Ms(figures.CpuMsPerCheckIn)} of the service's CPU per check-in; raw insert {Stats.Rate(figures.RawPerSecond)}");
            if (level.ReplayFailures > 0)
            {
                problems.Add($"{level.ReplayFailures} of {level.Replays} check-ins sent again with their Idempotency-Key were not replayed (200) at {count} clients.");
            }
        }

        var check = await LoadCheck.VerifyAsync(database, load, periodId, ct);
        if (!check.Passed)
        {
            problems.Add($"After the load: {check.Lost} check-ins lost or altered, {check.Duplicated} duplicated, {check.Unexpected} unexpected, {check.StaleCurrentValues} key results not showing their newest check-in; e.g. {string.Join("; ", check.Examples)}");
        }

        return (levels, new VerificationFigures(check.Accepted, check.Unknown, check.Stored, check.Lost, check.Duplicated, check.Unexpected, check.StaleCurrentValues));
    }

    private static ReadFigures ReadFigures(ReadResult r)
    {
        var (s50, s95, q50, q95) = (Stats.Percentile(r.ServiceMs, 50), Stats.Percentile(r.ServiceMs, 95), Stats.Percentile(r.SqlMs, 50), Stats.Percentile(r.SqlMs, 95));
        return new ReadFigures(
            r.Name, r.Api, r.Url, r.Council, s50, s95, q50, q95, s50 / q50, s95 / q95, r.ServiceMs.Length, r.Rows, r.Requests, r.Mismatch is null && r.Error is null, r.Error);
    }

    private static double MB(long? bytes) => (bytes ?? 0) / 1e6;

    /// <summary>How the measured service was compiled: ReadyToRun (published for a runtime) or just-in-time only.</summary>
    private static string ServiceBuild(string apiDll)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(apiDll));
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0 ? "service in Release, published ReadyToRun" : "service in Release (JIT only)";
    }

    /// <summary>The one-minute load average (/proc/loadavg): how busy the shared machine was.</summary>
    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
