using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using VisionTracker.Domain.Figures;

namespace VisionTracker.Application.Figures;

/// <summary>
/// The set-based statements of <see cref="FigureWriter.AddToAreasAsync"/> for <paramref name="rows"/> areas: the
/// differences enter as one <c>VALUES</c> list (a CTE, which SQLite and PostgreSQL both name by a column list), and
/// every area's sums and counts get theirs in one <c>UPDATE … FROM</c>. Only additions: the means are the rule's
/// (<see cref="Rollup.MeanOfSum"/>), set by EF Core afterwards. Names come from the model, as in <see cref="SnapshotWriter"/>.
/// </summary>
internal sealed class AreaSql
{
    /// <summary>The key columns, then the added ones, in the order <see cref="Parameters"/> gives their values.</summary>
    private static readonly string[] Keys = [nameof(PeriodFigure.PeriodId), nameof(PeriodFigure.SubjectKind), nameof(PeriodFigure.SubjectId)];

    private static readonly string[] Sums =
    [
        nameof(PeriodFigure.ProgressSum), nameof(PeriodFigure.ProgressCount), nameof(PeriodFigure.ConfidenceSum), nameof(PeriodFigure.ConfidenceCount),
    ];

    private static readonly string[] Counts =
    [
        nameof(FigureValues.GoalCount), nameof(FigureValues.KeyResultCount), nameof(FigureValues.ActionCount), nameof(FigureValues.AlignedGoalCount),
        nameof(FigureValues.KeyResultsWithActionCount), nameof(FigureValues.OrphanGoalCount), nameof(FigureValues.CollaboratingGoalCount),
    ];

    private const int PerRow = 14;

    private static readonly ConcurrentDictionary<(IModel Model, int Rows), AreaSql> Built = new();

    private AreaSql(IModel model, int rows)
    {
        var f = model.FindEntityType(typeof(PeriodFigure))!;
        var keys = Keys.Select(k => Column(f, f.FindProperty(k)!)).ToList();
        var added = Sums.Select(s => Column(f, f.FindProperty(s)!))
            .Concat(Counts.Select(c => Column(f, f.FindComplexProperty(nameof(PeriodFigure.Figures))!.ComplexType.FindProperty(c)!)))
            .ToList();
        var values = string.Join(", ", Enumerable.Range(0, rows).Select(r =>
            "(" + string.Join(", ", Enumerable.Range(r * PerRow, PerRow).Select(i => string.Create(CultureInfo.InvariantCulture, $"{{{i}}}"))) + ")"));
        var differences = $"WITH d ({string.Join(", ", keys.Concat(added))}) AS (VALUES {values})";
        var match = string.Join(" AND ", keys.Select(k => $"f.{k} = d.{k}"));
        var table = $"\"{f.GetTableName()}\"";
        var updatedAt = Column(f, f.FindProperty(nameof(PeriodFigure.UpdatedAt))!);

        var now = string.Create(CultureInfo.InvariantCulture, $"{{{rows * PerRow}}}");
        AddDifferences = $"""
            {differences}
            UPDATE {table} AS f SET {string.Join(", ", added.Select(a => $"{a} = f.{a} + d.{a}"))}, {updatedAt} = {now}
            FROM d WHERE {match}
            """;
        LockRows = $"""
            {differences}
            SELECT 1 FROM {table} AS f JOIN d ON {match} ORDER BY {string.Join(", ", keys.Select(k => $"f.{k}"))} FOR UPDATE OF f
            """;
    }

    /// <summary>The statements for <paramref name="rows"/> areas, built once per model and count.</summary>
    public static AreaSql For(IModel model, int rows) => Built.GetOrAdd((model, rows), k => new AreaSql(k.Model, k.Rows));

    /// <summary>Adds each row's differences to its area's sums and counts; its result is how many areas had a row.</summary>
    public string AddDifferences { get; }

    /// <summary>PostgreSQL: locks the areas' rows in one order before <see cref="AddDifferences"/> changes them.</summary>
    public string LockRows { get; }

    public static List<object> Parameters(IReadOnlyList<KeyValuePair<AreaKey, AreaTotals>> changes, DateTime now)
    {
        var parameters = new List<object>(changes.Count * PerRow + 1);
        foreach (var (key, d) in changes)
        {
            parameters.AddRange(
            [
                key.PeriodId, key.Kind.ToString(), key.SubjectId,
                d.ProgressSum, d.ProgressCount, d.ConfidenceSum, d.ConfidenceCount,
                d.Goals, d.KeyResults, d.Actions, d.AlignedGoals, d.KeyResultsWithAction, d.OrphanGoals, d.CollaboratingGoals,
            ]);
        }

        parameters.Add(now);
        return parameters;
    }

    private static string Column(IEntityType type, IProperty property) =>
        $"\"{property.GetColumnName(StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema()))}\"";
}
