using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using VisionTracker.Infrastructure.Persistence;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Platform;

/// <summary>The SQLite write queue on a real database file: commands share a transaction, but not each other's failures.</summary>
[Trait("Lane", "Sqlite")]
public sealed class SqliteWriterTests : IAsyncLifetime
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"vt_writer_{Guid.NewGuid():N}.db");

    private string ConnectionString => $"Data Source={file};Pooling=False";

    public async Task InitializeAsync()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE Rows (Value INTEGER NOT NULL);";
        await command.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync()
    {
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    [SqliteFact]
    public async Task Batch_WithAFailingCommandInTheMiddle_CommitsTheOthersAndFailsOnlyThatOne()
    {
        var writer = new SqliteWriter(ConnectionString, 5000, NullLogger<SqliteWriter>.Instance);
        await using (writer)
        {
            var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var seenByThird = new List<long>();

            // The first command holds the loop until all three are queued, so they run in one transaction.
            var first = writer.RunAsync(async (c, t) => { await InsertAsync(c, t, 1); await queued.Task; return 1; }, CancellationToken.None);
            var second = writer.RunAsync<int>(async (c, t) => { await InsertAsync(c, t, 2); throw new InvalidOperationException("refused"); }, CancellationToken.None);
            var third = writer.RunAsync(async (c, t) => { await InsertAsync(c, t, 3); seenByThird.AddRange(await ValuesAsync(c, t)); return 3; }, CancellationToken.None);
            queued.SetResult();

            (await first).ShouldBe(1);
            (await Should.ThrowAsync<InvalidOperationException>(second)).Message.ShouldBe("refused");
            (await third).ShouldBe(3);
            seenByThird.ShouldBe([1, 3], ignoreOrder: true);
        }

        await using var reader = new SqliteConnection(ConnectionString);
        await reader.OpenAsync();
        (await ValuesAsync(reader, null)).ShouldBe([1, 3], ignoreOrder: true);
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, int value)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO Rows (Value) VALUES ({value})";
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<long>> ValuesAsync(DbConnection connection, DbTransaction? transaction)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT Value FROM Rows";
        var values = new List<long>();
        await using var rows = await command.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            values.Add(rows.GetInt64(0));
        }

        return values;
    }
}
