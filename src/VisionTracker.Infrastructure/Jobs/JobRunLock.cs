using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;
using VisionTracker.Infrastructure.Persistence;

namespace VisionTracker.Infrastructure.Jobs;

/// <summary>
/// Keeps two runs of one recurring job from overlapping, across every instance: Hangfire enqueues each occurrence
/// once, but a manual trigger, a retry or a late run may meet a run still going on another instance. On PostgreSQL a
/// session advisory lock on a connection of its own (it ends with the session, so a killed instance never leaves it
/// behind); elsewhere Hangfire's own distributed lock in its storage. A run that cannot get the lock within
/// <c>Jobs:RunLockTimeout</c> fails, and Hangfire retries it later.
/// </summary>
public sealed class JobRunLock(IOptions<DatabaseOptions> database, IOptions<JobOptions> options, JobStorage storage)
{
    public async Task<IAsyncDisposable> AcquireAsync(string jobId, CancellationToken ct)
    {
        var timeout = options.Value.RunLockTimeout;
        if (!database.Value.IsPostgres)
        {
            var connection = storage.GetConnection();
            try
            {
                return new HangfireLock(connection, connection.AcquireDistributedLock($"visiontracker:job:{jobId}", timeout));
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        var builder = new NpgsqlConnectionStringBuilder(database.Value.ConnectionString) { Pooling = false };
        var session = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await session.OpenAsync(ct);
            await using (var wait = new NpgsqlCommand($"SET lock_timeout = {(long)timeout.TotalMilliseconds}; SELECT pg_advisory_lock(@key);", session))
            {
                wait.CommandTimeout = (int)timeout.TotalSeconds + 30;
                wait.Parameters.AddWithValue("key", KeyOf(jobId));
                try
                {
                    await wait.ExecuteNonQueryAsync(ct);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
                {
                    throw new TimeoutException($"Another run of the job '{jobId}' still holds its lock after {timeout}; Hangfire will retry this one.", e);
                }
            }

            return new AdvisoryLock(session);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>A stable 64-bit key per job id; the first bytes of a SHA-256 keep ids from colliding in practice.</summary>
    public static long KeyOf(string jobId) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("visiontracker:job:" + jobId)));

    private sealed class AdvisoryLock(NpgsqlConnection session) : IAsyncDisposable
    {
        // Closing the unpooled session ends it, and with it every advisory lock it held.
        public ValueTask DisposeAsync() => session.DisposeAsync();
    }

    private sealed class HangfireLock(IDisposable connection, IDisposable handle) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            handle.Dispose();
            connection.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
