using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using VisionTracker.Domain.Figures;
using VisionTracker.Infrastructure.Jobs;
using VisionTracker.Infrastructure.Persistence;

namespace VisionTracker.Infrastructure.Operations;

public sealed record TableCopy(string Table, long SourceRows, long TargetRows, long DifferentRows);

/// <summary>What a copy did and what its verification found; <see cref="Verified"/> only when every table matches row for row.</summary>
public sealed record CopyReport(IReadOnlyList<TableCopy> Tables, long FigureRowsCompared, IReadOnlyList<string> Differences, TimeSpan Elapsed)
{
    public bool Verified => Differences.Count == 0 && Tables.All(t => t.SourceRows == t.TargetRows && t.DifferentRows == 0);

    public override string ToString()
    {
        var text = new StringBuilder(Verified ? "Copy verified" : "Copy NOT verified")
            .Append(CultureInfo.InvariantCulture, $" in {Elapsed.TotalSeconds:F1} s: {Tables.Sum(t => t.TargetRows)} rows in {Tables.Count} tables; ")
            .Append(CultureInfo.InvariantCulture, $"{FigureRowsCompared} rows of stored figures compared.").AppendLine();
        foreach (var t in Tables)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {t.Table,-24} {t.SourceRows,10} → {t.TargetRows,10}{(t.DifferentRows > 0 ? $"  ({t.DifferentRows} rows differ)" : "")}");
        }

        foreach (var d in Differences)
        {
            text.AppendLine("  " + d);
        }

        return text.ToString();
    }
}

/// <summary>
/// Moves an installation from its SQLite database into an empty PostgreSQL database: migrates the target (with
/// Hangfire's schema), copies every table of the model in foreign-key order (audit trail, check-ins, snapshots, Data
/// Protection keys included) as stored, with no audit entries or version bumps of its own, moves identity sequences
/// past the copied ids, then verifies: row counts, and every row read back from both databases and compared column by
/// column (timestamps to the microsecond, PostgreSQL's precision), the stored figures among them. Hangfire's history
/// is not copied; the recurring jobs are registered again when the service starts.
/// </summary>
public sealed class PostgresCopy(
    VisionTrackerDbContext source, IOptions<DatabaseOptions> database, JobStorageSchema jobStorage, ILogger<PostgresCopy> logger)
{
    private const int BatchSize = 2000;
    private const int ShownDifferences = 20;

    public async Task<CopyReport> CopyAsync(string targetConnectionString, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var target = TargetOptions(targetConnectionString);
        if (database.Value.IsPostgres)
        {
            throw new OperationsException("--copy-to-postgres copies from the SQLite database, but Database:Provider is already Postgres.");
        }

        if ((await source.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            throw new OperationsException("The SQLite database lacks migrations of this version; bring it up to date first (--migrate-only), then copy.");
        }

        var types = CopyOrder(source.Model);
        await using (await StartupLock.AcquireAsync(target, logger, ct))
        await using (var db = NewTarget(target))
        {
            await db.Database.MigrateAsync(ct);
            await jobStorage.InstallIntoAsync(target, ct);
            foreach (var type in types)
            {
                var rows = await CountAsync(db, type, ct);
                if (rows > 0)
                {
                    throw new OperationsException($"The target database is not empty: {type.GetTableName()} has {rows} rows. Copy into a new, empty database.");
                }
            }
        }

        source.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        foreach (var type in types)
        {
            var copied = await Generic(nameof(CopyTableAsync), type).Invoke<Task<long>>(this, type, target, ct);
            logger.LogInformation("Copied {Rows} rows of {Table}.", copied, type.GetTableName());
        }

        await using (var db = NewTarget(target))
        {
            await ResetSequencesAsync(db, types, ct);
        }

        var tables = new List<TableCopy>();
        var differences = new List<string>();
        long figureRows = 0;
        foreach (var type in types)
        {
            var table = await Generic(nameof(CompareTableAsync), type).Invoke<Task<TableCopy>>(this, type, target, differences, ct);
            tables.Add(table);
            figureRows += HoldsFigures(type) ? table.TargetRows : 0;
        }

        return new CopyReport(tables, figureRows, differences, watch.Elapsed);
    }

    /// <summary>Tables in an order where every referenced row is copied before the rows that reference it.</summary>
    public static IReadOnlyList<IEntityType> CopyOrder(IModel model)
    {
        var types = model.GetEntityTypes().Where(t => t.GetTableName() is not null && !t.IsOwned()).ToList();
        foreach (var type in types)
        {
            if (type.HasSharedClrType || type.GetProperties().FirstOrDefault(p => p.IsShadowProperty()) is not null)
            {
                throw new InvalidOperationException($"The copy reads and writes entity objects; {type.DisplayName()} has shadow properties or no class of its own.");
            }
        }

        var ordered = new List<IEntityType>();
        while (ordered.Count < types.Count)
        {
            var next = types.Except(ordered)
                .Where(t => t.GetForeignKeys().All(fk => fk.PrincipalEntityType == t || ordered.Contains(fk.PrincipalEntityType.GetRootType())))
                .OrderBy(t => t.GetTableName(), StringComparer.Ordinal)
                .FirstOrDefault()
                ?? throw new InvalidOperationException("The tables reference each other in a cycle; the copy cannot order them.");
            ordered.Add(next);
        }

        return ordered;
    }

    private async Task<long> CopyTableAsync<T>(IEntityType type, DatabaseOptions target, CancellationToken ct)
        where T : class
    {
        // Rows of a table that references itself (org units, goals) go in one save, which orders parents first.
        var selfReferencing = type.GetForeignKeys().Any(fk => fk.PrincipalEntityType == type);
        await using var db = NewTarget(target);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        long copied = 0, pending = 0;
        await foreach (var row in Ordered<T>(source, type).AsAsyncEnumerable().WithCancellation(ct))
        {
            db.Add(row);
            copied++;
            if (++pending == BatchSize && !selfReferencing)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                pending = 0;
            }
        }

        await db.SaveChangesAsync(ct);
        return copied;
    }

    private async Task<TableCopy> CompareTableAsync<T>(IEntityType type, DatabaseOptions target, List<string> differences, CancellationToken ct)
        where T : class
    {
        await using var db = NewTarget(target);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var table = type.GetTableName()!;
        var properties = type.GetProperties().ToList();
        var complex = type.GetComplexProperties().ToList();
        long sourceRows = 0, targetRows = 0, different = 0;
        await using var left = Ordered<T>(source, type).AsAsyncEnumerable().GetAsyncEnumerator(ct);
        await using var right = Ordered<T>(db, type).AsAsyncEnumerable().GetAsyncEnumerator(ct);
        var hasLeft = await left.MoveNextAsync();
        var hasRight = await right.MoveNextAsync();
        while (hasLeft || hasRight)
        {
            sourceRows += hasLeft ? 1 : 0;
            targetRows += hasRight ? 1 : 0;
            if (hasLeft && hasRight)
            {
                var mismatch = properties.Where(p => !SameValue(p.GetGetter().GetClrValue(left.Current), p.GetGetter().GetClrValue(right.Current))).Select(p => p.Name)
                    .Concat(complex.Where(c => !Equals(c.GetGetter().GetClrValue(left.Current), c.GetGetter().GetClrValue(right.Current))).Select(c => c.Name))
                    .ToList();
                if (mismatch.Count > 0)
                {
                    different++;
                    Note(differences, $"{table} {KeyOf(type, left.Current)}: {string.Join(", ", mismatch)} differ");
                }
            }
            else
            {
                different++;
                Note(differences, $"{table}: a row only in the {(hasLeft ? "source" : "target")}: {KeyOf(type, hasLeft ? left.Current : right.Current)}");
            }

            hasLeft = hasLeft && await left.MoveNextAsync();
            hasRight = hasRight && await right.MoveNextAsync();
        }

        return new TableCopy(table, sourceRows, targetRows, different);
    }

    private static async Task ResetSequencesAsync(DbContext db, IEnumerable<IEntityType> types, CancellationToken ct)
    {
        foreach (var type in types)
        {
            if (type.FindPrimaryKey()?.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } key] && (key.ClrType == typeof(long) || key.ClrType == typeof(int)))
            {
                var table = Quote(type.GetTableName()!);
                var column = Quote(key.GetColumnName());
#pragma warning disable EF1002 // identifiers from the model, not from input
                await db.Database.ExecuteSqlRawAsync(
                    $"SELECT setval(pg_get_serial_sequence('{table}', '{key.GetColumnName()}'), COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)", ct);
#pragma warning restore EF1002
            }
        }
    }

    private static async Task<long> CountAsync(DbContext db, IEntityType type, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {Quote(type.GetTableName()!)}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>Rows by primary key: Guids sort alike on both (SQLite keeps them as upper-case text, PostgreSQL as uuid bytes).</summary>
    private static IQueryable<T> Ordered<T>(DbContext db, IEntityType type)
        where T : class
    {
        IQueryable<T> query = db.Set<T>().AsNoTracking();
        var first = true;
        foreach (var key in type.FindPrimaryKey()!.Properties)
        {
            var row = Expression.Parameter(typeof(T), "row");
            var lambda = Expression.Lambda(Expression.Call(typeof(EF), nameof(EF.Property), [key.ClrType], row, Expression.Constant(key.Name)), row);
            var method = (first ? nameof(Queryable.OrderBy) : nameof(Queryable.ThenBy));
            query = (IQueryable<T>)typeof(Queryable).GetMethods()
                .Single(m => m.Name == method && m.GetParameters().Length == 2)
                .MakeGenericMethod(typeof(T), key.ClrType)
                .Invoke(null, [query, lambda])!;
            first = false;
        }

        return query;
    }

    private static bool SameValue(object? a, object? b) => (a, b) switch
    {
        // PostgreSQL keeps timestamps to the microsecond; SQLite to the tick.
        (DateTime x, DateTime y) => x.Ticks / 10 == y.Ticks / 10 && x.Kind == y.Kind,
        // Primitive collections (a goal's tags, a foundation's goal ids) are new lists on each read: compare their items.
        (IEnumerable x, IEnumerable y) when a is not string => x.Cast<object?>().SequenceEqual(y.Cast<object?>()),
        _ => Equals(a, b),
    };

    private static bool HoldsFigures(IEntityType type) =>
        type.FindProperty("Progress") is not null || type.GetComplexProperties().Any(c => c.ClrType == typeof(FigureValues));

    private static string KeyOf(IEntityType type, object row) =>
        string.Join("/", type.FindPrimaryKey()!.Properties.Select(p => p.GetGetter().GetClrValue(row)));

    private static void Note(List<string> differences, string difference)
    {
        if (differences.Count < ShownDifferences)
        {
            differences.Add(difference);
        }
        else if (differences.Count == ShownDifferences)
        {
            differences.Add("… and more");
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static DatabaseOptions TargetOptions(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database))
            {
                throw new OperationsException("The target connection string must name a Host and a Database, e.g. \"Host=db;Database=visiontracker;Username=vt;Password=…\".");
            }

            return new DatabaseOptions { Provider = "Postgres", ConnectionString = builder.ConnectionString };
        }
        catch (ArgumentException e)
        {
            throw new OperationsException($"The target connection string is not one PostgreSQL understands: {e.Message}");
        }
    }

    private static PostgresVisionTrackerDbContext NewTarget(DatabaseOptions target) =>
        new(new DbContextOptionsBuilder<PostgresVisionTrackerDbContext>().UseNpgsql(target.ConnectionString).Options);

    private static MethodInfo Generic(string name, IEntityType type) =>
        typeof(PostgresCopy).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Instance)!.MakeGenericMethod(type.ClrType);
}

internal static class MethodInfoExtensions
{
    public static TResult Invoke<TResult>(this MethodInfo method, object target, params object[] arguments) =>
        (TResult)method.Invoke(target, arguments)!;
}
