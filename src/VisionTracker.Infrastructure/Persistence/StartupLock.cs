using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace VisionTracker.Infrastructure.Persistence;

/// <summary>
/// Serialises start-up work (migrations, Hangfire's schema, demo data, the first admin, the first Data Protection key)
/// across every process on one database, so instances started at the same moment do it once. PostgreSQL: a session
/// advisory lock on a connection of its own. SQLite: an exclusive lock on a file beside the database (one machine).
/// </summary>
public static class StartupLock
{
    /// <summary>The advisory lock's key: any constant that no other application on the database uses ("VTSTARTU").</summary>
    public const long AdvisoryKey = 0x5654_5354_4152_5455;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public static async Task<IAsyncDisposable> AcquireAsync(DatabaseOptions options, ILogger logger, CancellationToken ct) =>
        options.IsPostgres
            ? await AdvisoryLock.AcquireAsync(options.ConnectionString, logger, ct)
            : await FileLock.AcquireAsync(options.ConnectionString, logger, ct);

    private sealed class AdvisoryLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public static async Task<AdvisoryLock> AcquireAsync(string connectionString, ILogger logger, CancellationToken ct)
        {
            // Not pooled: a session lock must end with its session, never stay behind on a pooled connection.
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = (int)Patience.TotalSeconds };
            await EnsureDatabaseAsync(builder, logger, ct);
            var connection = new NpgsqlConnection(builder.ConnectionString);
            try
            {
                await connection.OpenAsync(ct);
                if (!await TryLockAsync(connection, ct))
                {
                    logger.LogInformation("Another instance is migrating or seeding the database; waiting for it to finish.");
                    await using var wait = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
                    wait.Parameters.AddWithValue("key", AdvisoryKey);
                    await wait.ExecuteNonQueryAsync(ct);
                }

                return new AdvisoryLock(connection);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await using (connection)
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                unlock.Parameters.AddWithValue("key", AdvisoryKey);
                await unlock.ExecuteNonQueryAsync();
            }
        }

        private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken ct)
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", AdvisoryKey);
            return (bool)(await command.ExecuteScalarAsync(ct))!;
        }

        /// <summary>An advisory lock lives in a database, so the database must exist first; two instances may both try to create it.</summary>
        private static async Task EnsureDatabaseAsync(NpgsqlConnectionStringBuilder target, ILogger logger, CancellationToken ct)
        {
            try
            {
                await using var probe = new NpgsqlConnection(target.ConnectionString);
                await probe.OpenAsync(ct);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                logger.LogInformation("The database {Database} does not exist yet; creating it.", target.Database);
            }

            var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres" };
            await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            try
            {
                await create.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // Another instance created it a moment earlier.
            }
        }
    }

    private sealed class FileLock(FileStream? file) : IAsyncDisposable
    {
        public static async Task<IAsyncDisposable> AcquireAsync(string connectionString, ILogger logger, CancellationToken ct)
        {
            var source = new SqliteConnectionStringBuilder(connectionString);
            if (string.IsNullOrEmpty(source.DataSource) || source.DataSource == ":memory:" || source.Mode == SqliteOpenMode.Memory)
            {
                return new FileLock(null);
            }

            var path = Path.GetFullPath(source.DataSource) + ".startup-lock";
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var waited = false;
            var deadline = DateTime.UtcNow + Patience;
            while (true)
            {
                try
                {
                    // The file stays behind: deleting it on release would let a third process lock a new file while a second holds the old one.
                    return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    if (!waited)
                    {
                        logger.LogInformation("Another process is migrating or seeding {Database}; waiting for it to finish.", source.DataSource);
                        waited = true;
                    }

                    await Task.Delay(200, ct);
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            file?.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
