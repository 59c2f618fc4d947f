using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VisionTracker.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Every SQLite connection waits for a busy writer instead of failing at once, and enforces foreign keys. Commits use
/// <c>synchronous = NORMAL</c>, which in WAL mode (the database's journal, <see cref="DatabaseInitializer"/>) writes the
/// commit to the log without waiting for the disk; the log is synced at each checkpoint. A killed process loses nothing
/// it answered (the log is in the operating system's cache); only a power cut or kernel crash can lose the last commits
/// before a checkpoint, never corrupt the file. That is the usual choice for WAL, and it takes a disk wait out of
/// every batch of commands.
/// </summary>
public sealed class SqlitePragmaInterceptor(int busyTimeoutMs) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection) => Apply(connection, busyTimeoutMs);

    /// <summary>The same settings on a connection EF Core does not open itself (the writer queue's).</summary>
    public static void Apply(DbConnection connection, int busyTimeoutMs)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {busyTimeoutMs}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
        command.ExecuteNonQuery();

        // SQLite's own lower()/upper() know ASCII only; "ÆBLE" must become "æble" as it does on PostgreSQL.
        if (connection is SqliteConnection sqlite)
        {
            sqlite.CreateFunction("lower", (string? value) => value?.ToLowerInvariant(), isDeterministic: true);
            sqlite.CreateFunction("upper", (string? value) => value?.ToUpperInvariant(), isDeterministic: true);
        }
    }
}
