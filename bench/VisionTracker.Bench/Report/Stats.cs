using System.Globalization;

namespace VisionTracker.Bench.Report;

public static class Stats
{
    /// <summary>Nearest-rank percentile (the median of an even count is the mean of the middle two); 0 for no samples.</summary>
    public static double Percentile(IReadOnlyCollection<double> samples, double p)
    {
        if (samples.Count == 0)
        {
            return 0;
        }

        var sorted = samples.Order().ToArray();
        if (p == 50 && sorted.Length % 2 == 0)
        {
            return (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    /// <summary>Milliseconds for reading: "0.42 ms", "38 ms", "1.3 s", "2 min 5 s".</summary>
    public static string Ms(double ms) => ms switch
    {
        < 10 => ms.ToString("0.00", CultureInfo.InvariantCulture) + " ms",
        < 1000 => ms.ToString("0", CultureInfo.InvariantCulture) + " ms",
        < 60_000 => (ms / 1000).ToString(ms < 10_000 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " s",
        _ => $"{(int)(ms / 60_000)} min {(ms % 60_000 / 1000).ToString("0", CultureInfo.InvariantCulture)} s",
    };

    public static string Ratio(double ratio) => double.IsFinite(ratio)
        ? ratio.ToString(ratio < 10 ? "0.00" : ratio < 100 ? "0.0" : "#,0", CultureInfo.InvariantCulture) + "×"
        : "–";

    public static string Rate(double perSecond) => perSecond.ToString(perSecond < 10 ? "0.00" : "#,0", CultureInfo.InvariantCulture) + "/s";

    public static string Count(double n) => n.ToString("#,0", CultureInfo.InvariantCulture);
}
