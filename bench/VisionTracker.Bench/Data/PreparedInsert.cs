using System.Data.Common;

namespace VisionTracker.Bench.Data;

/// <summary>One prepared single-row INSERT (see <see cref="BulkWriter.PrepareSingleRowAsync{T}"/>): one row, one statement, one commit.</summary>
public sealed class PreparedInsert<T>(DbCommand command, List<BulkWriter.Column> columns) : IAsyncDisposable
    where T : class
{
    private readonly List<T> one = [null!];

    public Task InsertAsync(T row, CancellationToken ct)
    {
        one[0] = row;
        return BulkWriter.ExecuteAsync(command, columns, one, ct);
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();
}
