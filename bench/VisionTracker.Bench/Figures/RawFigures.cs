using System.Data.Common;
using System.Diagnostics;
using VisionTracker.Bench.Data;

namespace VisionTracker.Bench.Figures;

/// <summary>A key result's or goal's progress and confidence.</summary>
public sealed record FigurePair(double? Progress, double? Confidence);

/// <summary>The outcome of comparing stored figures with the hand-written aggregate.</summary>
public sealed record FigureCheck(int Compared, int Mismatches, IReadOnlyList<string> Examples);

/// <summary>
/// The reference for the nightly run: one hand-written SQL query that computes every key result's and goal's progress
/// and confidence from their inputs, with the rules of docs/architecture.md and <c>Domain/Figures/Rollup.cs</c>
/// written as SQL (progress by metric kind, clamped; hold-the-line key results; weighted mean of key results, the plain
/// mean when every weight is 0; goals without key results from their counted child goals, nested up to three levels as
/// the generated goal trees are; confidence the newest check-in's, a goal's the least of its key results'). Stored
/// figures are compared with its answer, so it also checks that the data set is consistent.
/// </summary>
public static class RawFigures
{
    public const double Tolerance = 1e-9;

    private const string Query = """
        WITH kr AS (
            SELECT k."Id", k."GoalId", k."Weight",
                CASE k."MetricKind"
                    WHEN 'YesNo' THEN CASE WHEN k."CurrentValue" >= 1 THEN 1.0 ELSE 0.0 END
                    WHEN 'Milestone' THEN COALESCE((SELECT CAST(SUM(CASE WHEN m."Done" THEN 1 ELSE 0 END) AS DOUBLE PRECISION) / COUNT(*)
                                                    FROM "Milestones" m WHERE m."KeyResultId" = k."Id"), 0.0)
                    ELSE CASE
                        WHEN k."TargetValue" = k."StartValue" THEN
                            CASE WHEN (k."Direction" = 'Increase' AND k."CurrentValue" >= k."TargetValue")
                                   OR (k."Direction" = 'Decrease' AND k."CurrentValue" <= k."TargetValue") THEN 1.0 ELSE 0.0 END
                        ELSE (k."CurrentValue" - k."StartValue") / (k."TargetValue" - k."StartValue") END
                END AS raw,
                (SELECT c."Confidence" FROM "CheckIns" c WHERE c."KeyResultId" = k."Id" ORDER BY c."At" DESC, c."Id" DESC LIMIT 1) AS confidence
            FROM "KeyResults" k),
        krp AS (
            SELECT "Id", "GoalId", "Weight", CASE WHEN raw < 0 THEN 0.0 WHEN raw > 1 THEN 1.0 ELSE raw END AS progress, confidence FROM kr),
        own AS (
            SELECT "GoalId", SUM("Weight") AS w, SUM(progress * "Weight") AS pw, AVG(progress) AS mean, MIN(confidence) AS c
            FROM krp GROUP BY "GoalId"),
        g1 AS (
            SELECT g."Id" AS id, g."ParentGoalId" AS parent,
                CASE WHEN g."IsArchived" = FALSE AND g."State" <> 'Abandoned' THEN 1 ELSE 0 END AS counts,
                CASE WHEN o."GoalId" IS NULL THEN 0 ELSE 1 END AS has_kr,
                CASE WHEN o.w <= 0 THEN o.mean ELSE o.pw / o.w END AS p, o.c AS c
            FROM "Goals" g LEFT JOIN own o ON o."GoalId" = g."Id"),
        kids1 AS (SELECT parent AS id, AVG(p) AS p, MIN(c) AS c FROM g1 WHERE counts = 1 AND parent IS NOT NULL GROUP BY parent),
        g2 AS (
            SELECT g.id, g.parent, g.counts, g.has_kr,
                CASE WHEN g.has_kr = 1 THEN g.p ELSE k.p END AS p, CASE WHEN g.has_kr = 1 THEN g.c ELSE k.c END AS c
            FROM g1 g LEFT JOIN kids1 k ON k.id = g.id),
        kids2 AS (SELECT parent AS id, AVG(p) AS p, MIN(c) AS c FROM g2 WHERE counts = 1 AND parent IS NOT NULL GROUP BY parent),
        g3 AS (
            SELECT g.id, CASE WHEN g.has_kr = 1 THEN g.p ELSE k.p END AS p, CASE WHEN g.has_kr = 1 THEN g.c ELSE k.c END AS c
            FROM g2 g LEFT JOIN kids2 k ON k.id = g.id)
        SELECT 'KeyResult' AS kind, "Id", progress, confidence FROM krp
        UNION ALL
        SELECT 'Goal', id, p, c FROM g3
        """;

    private const string Stored = """
        SELECT 'KeyResult', "Id", "Progress", "Confidence" FROM "KeyResults"
        UNION ALL
        SELECT 'Goal', "Id", "Progress", "Confidence" FROM "Goals"
        """;

    /// <summary>Runs the aggregate and reads its whole answer; returns it with the time taken.</summary>
    public static async Task<(Dictionary<(string, Guid), FigurePair> Figures, double Ms)> ComputeAsync(BenchDatabase database, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var watch = Stopwatch.StartNew();
        var figures = await ReadAsync(connection, Query, ct);
        return (figures, watch.Elapsed.TotalMilliseconds);
    }

    public static async Task<FigureCheck> CompareWithStoredAsync(BenchDatabase database, Dictionary<(string, Guid), FigurePair> computed, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var stored = await ReadAsync(connection, Stored, ct);
        List<string> examples = [];
        var mismatches = 0;
        foreach (var (key, value) in stored)
        {
            var expected = computed.GetValueOrDefault(key);
            if (expected is null || !Same(value.Progress, expected.Progress) || !Same(value.Confidence, expected.Confidence))
            {
                mismatches++;
                if (examples.Count < 5)
                {
                    examples.Add($"{key.Item1} {key.Item2}: stored {value}, SQL {expected?.ToString() ?? "no row"}");
                }
            }
        }

        return new FigureCheck(stored.Count, mismatches + Math.Max(0, computed.Count - stored.Count), examples);
    }

    private static bool Same(double? a, double? b) =>
        (a is null && b is null) || (a is { } x && b is { } y && Math.Abs(x - y) < Tolerance);

    private static async Task<Dictionary<(string, Guid), FigurePair>> ReadAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = BenchDatabase.Command(connection, sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var figures = new Dictionary<(string, Guid), FigurePair>();
        while (await reader.ReadAsync(ct))
        {
            figures[(reader.GetString(0), BenchDatabase.ReadId(reader, 1))] = new FigurePair(
                reader.IsDBNull(2) ? null : reader.GetDouble(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3));
        }

        return figures;
    }
}
