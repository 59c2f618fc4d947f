using System.Data.Common;
using VisionTracker.Bench.Data;

namespace VisionTracker.Bench.Reads;

/// <summary>Runs hand-written SQL on one open connection and returns canonical rows; ids are passed as the provider stores them.</summary>
public sealed class SqlReader(DbConnection connection, BenchDatabase database, FigureColumns figures)
{
    public BenchDatabase Database => database;

    /// <summary>Column names of the stored area figures and snapshots (see <see cref="FigureColumns"/>).</summary>
    public FigureColumns Figures => figures;

    public object Id(Guid id) => database.Id(id);

    public object Time(DateTime utc) => database.Time(utc);

    public async Task<List<string>> RowsAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        List<string> rows = [];
        await using var command = BenchDatabase.Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(Canonical.Row(reader));
        }

        return rows;
    }

    public async Task<List<object?[]>> ValuesAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        List<object?[]> rows = [];
        await using var command = BenchDatabase.Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var values = new object?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(values);
        }

        return rows;
    }
}
