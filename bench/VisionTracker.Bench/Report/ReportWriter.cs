using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VisionTracker.Bench.Report;

/// <summary>
/// The run as one markdown table (every figure beside its hand-written SQL reference, the ratio, the issue's target and
/// whether it is met), written to the console and latest.md, and as JSON to latest.json. Published, the table replaces
/// the provider's section of docs/performance.md and the JSON its entry in docs/performance.json.
/// </summary>
public static class ReportWriter
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Markdown(BenchResult r)
    {
        var sb = new StringBuilder();
        var providerName = r.Provider == "postgres" ? "PostgreSQL 15" : "SQLite";
        sb.AppendLine(Inv, $"**{providerName}**, measured {r.MeasuredAt} with `{r.Command}` ({r.Machine}; the whole run took {Stats.Ms(r.TotalSeconds * 1000)}).");
        sb.AppendLine(Inv, $"What was changed to get these figures: {r.Change ?? "(not stated)"}.");
        sb.AppendLine();
        var d = r.DataSet;
        var counts = string.Join(", ", d.Counts.Select(c => $"{Stats.Count(c.Value)} {c.Key}"));
        sb.AppendLine(Inv, $"Data set ({d.Scale}): {counts}; {d.DatabaseMiB:#,0} MiB on disk.");
        sb.AppendLine();
        sb.AppendLine("| figure | VisionTracker | hand-written SQL | ratio | target | met |");
        sb.AppendLine("|---|---:|---:|---:|---|:-:|");
        var targets = r.Targets.ToDictionary(t => t.Key);
        string Met(params string[] keys)
        {
            var found = keys.Select(k => targets.GetValueOrDefault(k)).ToList();
            return found.Any(t => t is null) ? "" : found.All(t => t!.Met) ? "yes" : "**no**";
        }

        void Row(string figure, string service, string sql, string ratio, string target, string met) =>
            sb.AppendLine(Inv, $"| {figure} | {service} | {sql} | {ratio} | {target} | {met} |");

        Row($"data set generated: bulk inserts {Stats.Ms(d.InsertSeconds * 1000)} + the service's first nightly run {Stats.Ms(d.FirstNightlySeconds * 1000)} ({Stats.Count(d.FirstNightlyRepairs)} figures filled in)",
            Stats.Ms(d.GenerationSeconds * 1000), "", "", "≤ 5 min", Met("generation"));
        Row("start of the process to its first successful answer", Stats.Ms(r.Service.StartToFirstAnswerMs), "", "", "≤ 2 s", Met("start"));
        var after = string.Join(", ", r.Service.PeakWorkingSetMBAfter.Select(p => $"{p.Value:0} after {p.Key}"));
        Row($"peak working set (VmHWM; {after})", $"{r.Service.PeakWorkingSetMB:0} MB", "", "", "≤ 300 MB", Met("memory"));
        var n = r.Nightly;
        Row($"nightly run: every figure recomputed + the day's snapshots ({Stats.Count(n.Repairs)} repairs, {Stats.Count(n.Snapshots)} snapshot rows) beside one aggregate query computing the same key-result and goal figures ({Stats.Count(n.FiguresCompared)} compared, {n.Mismatches} differ)",
            Stats.Ms(n.Ms), Stats.Ms(n.RawAggregateMs), Stats.Ratio(n.Ratio), "≤ 2 s and ≤ 2×",
            Met("nightly", "nightly-ratio"));
        foreach (var c in r.CheckIns)
        {
            var (target, met) = c.Clients switch
            {
                1 => ("p95 ≤ 25 ms", Met("checkin-p95")),
                32 => ("≥ 2,000/s, no wait > 1 s", Met("checkin-rate", "checkin-wait")),
                _ => ("", ""),
            };
            var (figure, service, sql, ratio) = CheckInCells(c);
            Row(figure, service, sql, ratio, target, met);
        }

        foreach (var read in r.Reads)
        {
            var pages = read.Requests > 1 ? $", {read.Requests} pages" : "";
            var service = read.Error is not null ? "**fails**" : $"{Stats.Ms(read.ServiceP50Ms)} / {Stats.Ms(read.ServiceP95Ms)}";
            var sql = read.SqlP50Ms > 0 ? $"{Stats.Ms(read.SqlP50Ms)} / {Stats.Ms(read.SqlP95Ms)}" : "";
            var note = read.Error is not null ? " — **the service refuses it** (see problems)" : read.Agrees ? "" : " — **answers differ**";
            Row($"{read.Api}: {read.Name} (p50 / p95 of {read.Runs}; {Stats.Count(read.Rows)} rows{pages}){note}", service, sql,
                read.Error is null ? $"{Stats.Ratio(read.RatioP50)} · {Stats.Ratio(read.RatioP95)}" : "–", read.Council ? "p95 ≤ 1.5×" : "",
                read.Council ? (read.Error is null && read.RatioP95 <= Targets.CouncilReadRatio ? "yes" : "**no**") : "");
        }

        var v = r.Verification;
        sb.AppendLine();
        sb.AppendLine(Inv, $"After the load: {Stats.Count(v.Accepted)} accepted check-ins, {v.Stored} stored with their keys, {v.Lost} lost or altered, {v.Duplicated} duplicated, {v.Unexpected} unexpected; {v.Unknown} sent but never accepted (refused when the time was up, or unanswered when the drain ended; each stored once at most); {v.StaleCurrentValues} key results not showing their newest check-in. The service logged {r.Service.LoggedErrors} errors and {r.Service.LoggedWarnings} warnings in the whole run. Targets met: {r.Targets.Count(t => t.Met)} of {r.Targets.Count}.");
        if (r.Service.Complaints.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine(Inv, $"What the service logged as warnings and errors: {string.Join("; ", r.Service.Complaints.Select(c => "`" + c.Replace("`", "'", StringComparison.Ordinal).Replace("|", "/", StringComparison.Ordinal) + "`"))}.");
        }

        if (r.Problems.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("**Problems** (the run fails):");
            foreach (var problem in r.Problems)
            {
                sb.AppendLine(Inv, $"- {problem.Replace("\n", " ", StringComparison.Ordinal)}");
            }
        }

        return sb.ToString();
    }

    /// <summary>A check-in level's row: what was sent and answered, the service's figures with its CPU per check-in, the raw insert's, their ratio.</summary>
    public static (string Figure, string Service, string Sql, string Ratio) CheckInCells(CheckInFigures c)
    {
        var errors = c.Errors.Count == 0 ? "no errors" : string.Join(", ", c.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Value}× {e.Key}"));
        var unanswered = c.Unfinished > 0 ? $", {c.Unfinished} unanswered when the drain ended" : "";
        return (
            $"check-ins, {c.Clients} client{(c.Clients == 1 ? "" : "s")} for {c.Seconds:0} s: rate · p50 / p95 (longest); the service's CPU per accepted check-in; {Stats.Count(c.Accepted)} accepted of {Stats.Count(c.Attempts)} requests, {errors}{unanswered}; {c.Replays} replays, {c.ReplayFailures} failed",
            c.Accepted == 0 ? $"none accepted (longest {Stats.Ms(c.MaxMs)})" : $"{Stats.Rate(c.PerSecond)} · {Stats.Ms(c.P50Ms)} / {Stats.Ms(c.P95Ms)} ({Stats.Ms(c.MaxMs)}); {Stats.Ms(c.CpuMsPerCheckIn)} CPU",
            $"{Stats.Rate(c.RawPerSecond)} · {Stats.Ms(c.RawP50Ms)} / {Stats.Ms(c.RawP95Ms)}",
            Stats.Ratio(c.Ratio));
    }

    public static async Task WriteAsync(BenchResult result, string markdown, string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "latest.md"), markdown, ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "latest.json"), JsonSerializer.Serialize(result, Json) + "\n", ct);
    }

    /// <summary>Replaces the provider's section of docs/performance.md and its entry in docs/performance.json.</summary>
    public static async Task PublishAsync(BenchResult result, string markdown, string repositoryRoot, CancellationToken ct)
    {
        var docs = Path.Combine(repositoryRoot, "docs");
        var page = Path.Combine(docs, "performance.md");
        var text = await File.ReadAllTextAsync(page, ct);
        var begin = $"<!-- bench:{result.Provider} -->";
        var end = $"<!-- /bench:{result.Provider} -->";
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        if (from < 0 || to < from)
        {
            throw new InvalidOperationException($"docs/performance.md has no section {begin} … {end} to replace.");
        }

        text = text[..(from + begin.Length)] + "\n" + markdown.TrimEnd() + "\n" + text[to..];
        await File.WriteAllTextAsync(page, text, ct);

        var jsonFile = Path.Combine(docs, "performance.json");
        var all = File.Exists(jsonFile) ? JsonNode.Parse(await File.ReadAllTextAsync(jsonFile, ct))!.AsObject() : [];
        all[result.Provider] = JsonSerializer.SerializeToNode(result, Json);
        await File.WriteAllTextAsync(jsonFile, all.ToJsonString(Json) + "\n", ct);
    }
}
