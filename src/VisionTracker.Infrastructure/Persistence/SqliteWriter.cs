using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using VisionTracker.Infrastructure.Persistence.Interceptors;

namespace VisionTracker.Infrastructure.Persistence;

/// <summary>
/// SQLite lets one writer in at a time; instead of every command opening a transaction and busy-waiting for the file
/// lock, every command queues here and runs in the writer's batches (<see cref="BatchWriter"/>) on one connection.
/// </summary>
public sealed class SqliteWriter(string connectionString, int busyTimeoutMs, ILogger<SqliteWriter> logger, BatchFigures? figures = null)
    : BatchWriter(logger, figures)
{
    protected override Task<DbConnection> OpenAsync()
    {
        var opened = new SqliteConnection(connectionString);
        opened.Open();
        SqlitePragmaInterceptor.Apply(opened, busyTimeoutMs);
        return Task.FromResult<DbConnection>(opened);
    }

    protected override Task<DbTransaction> BeginAsync(DbConnection connection) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
}
