using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace VisionTracker.Bench.Data;

/// <summary>
/// Inserts entities with prepared multi-row INSERT statements, one transaction per table, bypassing EF Core's change
/// tracking. Table, columns, value conversions and parameter types all come from the service's own EF Core model, so a
/// renamed column or a new converter is followed without touching the harness; a column the model fills from a shadow
/// property (which the domain object cannot supply) is refused rather than left empty.
/// </summary>
public sealed class BulkWriter(BenchDatabase database, IModel model)
{
    // PostgreSQL allows 65,535 parameters a statement.
    private const int MaxParameters = 30_000;

    public async Task<int> InsertAsync<T>(IReadOnlyCollection<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var entityType = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the service's model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = ColumnsOf(entityType, table);
        var perStatement = Math.Clamp(MaxParameters / columns.Count, 1, database.RowsPerInsert);

        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        DbCommand? full = null;
        var batch = new List<T>(perStatement);
        try
        {
            foreach (var row in rows)
            {
                batch.Add(row);
                if (batch.Count == perStatement)
                {
                    full ??= await PrepareAsync(connection, transaction, table, columns, perStatement, ct);
                    await ExecuteAsync(full, columns, batch, ct);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await using var rest = await PrepareAsync(connection, transaction, table, columns, batch.Count, ct);
                await ExecuteAsync(rest, columns, batch, ct);
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }

        await transaction.CommitAsync(ct);
        return rows.Count;
    }

    /// <summary>A prepared one-row INSERT of <typeparamref name="T"/> on an open connection, each execution its own transaction.</summary>
    public async Task<PreparedInsert<T>> PrepareSingleRowAsync<T>(DbConnection connection, CancellationToken ct)
        where T : class
    {
        var entityType = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the service's model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = ColumnsOf(entityType, table);
        return new PreparedInsert<T>(await PrepareAsync(connection, null, table, columns, 1, ct), columns);
    }

    public sealed record Column(string Name, RelationalTypeMapping Mapping, Func<object, object?> Read);

    private static List<Column> ColumnsOf(IEntityType entityType, StoreObjectIdentifier table)
    {
        List<Column> columns = [];
        foreach (var property in entityType.GetProperties())
        {
            columns.Add(ColumnOf(property, table, entityType));
        }

        foreach (var complex in entityType.GetComplexProperties())
        {
            foreach (var property in complex.ComplexType.GetProperties())
            {
                columns.Add(ColumnOf(property, table, entityType));
            }
        }

        return columns;
    }

    private static Column ColumnOf(IProperty property, StoreObjectIdentifier table, IEntityType entityType)
    {
        if (property.IsShadowProperty())
        {
            throw new NotSupportedException(
                $"{entityType.DisplayName()}.{property.Name} is a shadow property: the generator cannot fill its column from the domain object. Give the harness a value for it (bench/VisionTracker.Bench/Generation).");
        }

        var getter = property.GetGetter();
        var mapping = (RelationalTypeMapping)property.GetTypeMapping();
        return new Column(property.GetColumnName(table)!, mapping, entity => getter.GetClrValueUsingContainingEntity(entity));
    }

    private static async Task<DbCommand> PrepareAsync(
        DbConnection connection, DbTransaction? transaction, StoreObjectIdentifier table, List<Column> columns, int rows, CancellationToken ct)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var names = string.Join(", ", columns.Select(c => Quote(c.Name)));
        var values = new List<string>(rows);
        for (var r = 0; r < rows; r++)
        {
            var placeholders = new List<string>(columns.Count);
            for (var c = 0; c < columns.Count; c++)
            {
                var name = $"@p{r}_{c}";
                placeholders.Add(name);
                command.Parameters.Add(columns[c].Mapping.CreateParameter(command, name, null, nullable: true));
            }

            values.Add($"({string.Join(", ", placeholders)})");
        }

        var schema = table.Schema is null ? "" : Quote(table.Schema) + ".";
        command.CommandText = $"INSERT INTO {schema}{Quote(table.Name)} ({names}) VALUES {string.Join(", ", values)}";
        await command.PrepareAsync(ct);
        return command;
    }

    public static async Task ExecuteAsync<T>(DbCommand command, List<Column> columns, List<T> rows, CancellationToken ct)
        where T : class
    {
        var i = 0;
        foreach (var row in rows)
        {
            foreach (var column in columns)
            {
                var value = column.Read(row);
                command.Parameters[i++].Value = value is null ? DBNull.Value : column.Mapping.Converter?.ConvertToProvider(value) ?? value;
            }
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
