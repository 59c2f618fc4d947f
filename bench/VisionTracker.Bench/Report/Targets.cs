namespace VisionTracker.Bench.Report;

/// <summary>The targets of issue 12 (Aarhus scale, this 2-core machine, ratios measured in one run), and whether a run met them.</summary>
public static class Targets
{
    public const double GenerationSeconds = 300;
    public const double CheckInP95OneClientMs = 25;
    public const double CheckInsPerSecond32 = 2000;
    public const double LongestWaitMs = 1000;
    public const double CouncilReadRatio = 1.5;
    public const double NightlyMs = 2000;
    public const double NightlyRatio = 2;
    public const double WorkingSetMB = 300;
    public const double StartMs = 2000;

    public static IReadOnlyList<TargetFigure> Evaluate(
        DataSetFigures data, ServiceFigures service, NightlyFigures nightly, IReadOnlyList<ReadFigures> reads, IReadOnlyList<CheckInFigures> checkIns)
    {
        List<TargetFigure> targets =
        [
            new("generation", "data set generated in ≤ 5 min", Stats.Ms(data.GenerationSeconds * 1000), data.GenerationSeconds <= GenerationSeconds),
            new("start", "start to first answer ≤ 2 s", Stats.Ms(service.StartToFirstAnswerMs), service.StartToFirstAnswerMs <= StartMs),
            new("memory", "peak working set ≤ 300 MB", $"{service.PeakWorkingSetMB:0} MB", service.PeakWorkingSetMB <= WorkingSetMB),
            new("nightly", "nightly run ≤ 2 s", Stats.Ms(nightly.Ms), nightly.Ms <= NightlyMs),
            new("nightly-ratio", "nightly run ≤ 2× the raw aggregate", Stats.Ratio(nightly.Ratio), nightly.Ratio <= NightlyRatio),
        ];
        if (checkIns.FirstOrDefault(c => c.Clients == 1) is { } one)
        {
            targets.Add(new("checkin-p95", "check-in p95 ≤ 25 ms with 1 client", Stats.Ms(one.P95Ms), one.Accepted > 0 && one.P95Ms <= CheckInP95OneClientMs));
        }

        if (checkIns.FirstOrDefault(c => c.Clients == 32) is { } many)
        {
            targets.Add(new("checkin-rate", "≥ 2,000 check-ins/s with 32 clients", Stats.Rate(many.PerSecond), many.PerSecond >= CheckInsPerSecond32));
        }

        if (checkIns.Count > 0)
        {
            var longest = checkIns.Max(c => c.MaxMs);
            targets.Add(new("checkin-wait", "no check-in request waits more than 1 s", $"longest {Stats.Ms(longest)}", longest <= LongestWaitMs));
        }

        var council = reads.Where(r => r.Council).ToList();
        if (council.Count > 0)
        {
            var met = council.Count(r => r.Error is null && r.RatioP95 <= CouncilReadRatio);
            var refused = council.Count(r => r.Error is not null);
            var worst = council.Where(r => r.Error is null).MaxBy(r => r.RatioP95);
            var measured = $"{met} of {council.Count}" + (refused > 0 ? $", {refused} refused" : "") + (worst is null ? "" : $" (worst {Stats.Ratio(worst.RatioP95)}: {worst.Name})");
            targets.Add(new("council", "council OData queries p95 ≤ 1.5× the raw SQL", measured, met == council.Count));
        }

        return targets;
    }
}
