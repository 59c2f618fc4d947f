namespace VisionTracker.Bench.Report;

/// <summary>Everything one run measured, as written to latest.json (and, published, docs/performance.json under its provider).</summary>
public sealed record BenchResult
{
    public required string MeasuredAt { get; init; }
    public required string Command { get; init; }
    public required string Provider { get; init; }
    public string? Change { get; init; }
    public required string Machine { get; init; }
    public required DataSetFigures DataSet { get; init; }
    public required ServiceFigures Service { get; init; }
    public required NightlyFigures Nightly { get; init; }
    public required IReadOnlyList<ReadFigures> Reads { get; init; }
    public required IReadOnlyList<CheckInFigures> CheckIns { get; init; }
    public required VerificationFigures Verification { get; init; }
    public required IReadOnlyList<TargetFigure> Targets { get; init; }
    public required IReadOnlyList<string> Problems { get; init; }
    public required double TotalSeconds { get; init; }
}

public sealed record DataSetFigures(
    string Scale, IReadOnlyDictionary<string, int> Counts, double InsertSeconds, double FirstNightlySeconds, int FirstNightlyRepairs,
    double GenerationSeconds, double DatabaseMiB);

public sealed record ServiceFigures(
    double StartToFirstAnswerMs, double PeakWorkingSetMB, IReadOnlyDictionary<string, double> PeakWorkingSetMBAfter, int LoggedErrors, int LoggedWarnings,
    IReadOnlyList<string> Complaints);

public sealed record NightlyFigures(
    double Ms, double WallMs, int Repairs, int Snapshots, double RawAggregateMs, double Ratio, int FiguresCompared, int Mismatches);

public sealed record ReadFigures(
    string Name, string Api, string Url, bool Council, double ServiceP50Ms, double ServiceP95Ms, double SqlP50Ms, double SqlP95Ms,
    double RatioP50, double RatioP95, int Runs, int Rows, int Requests, bool Agrees, string? Error);

public sealed record CheckInFigures(
    int Clients, double Seconds, int Accepted, double PerSecond, double P50Ms, double P95Ms, double MaxMs, int Attempts,
    IReadOnlyDictionary<string, int> Errors, int Unfinished, int Replays, int ReplayFailures,
    double RawPerSecond, double RawP50Ms, double RawP95Ms, int RawRows, double Ratio, double CpuMsPerCheckIn);

public sealed record VerificationFigures(int Accepted, int Unknown, int Stored, int Lost, int Duplicated, int Unexpected, int StaleCurrentValues);

public sealed record TargetFigure(string Key, string Target, string Measured, bool Met);
