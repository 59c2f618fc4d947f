using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using VisionTracker.Infrastructure.Persistence.Interceptors;

namespace VisionTracker.Infrastructure.Persistence;

/// <summary>
/// SQLite lets one writer in at a time; instead of every command opening a transaction and busy-waiting for the file
/// lock, commands queue here (a channel read by one loop), first come first served, and one loop runs them on one connection. It runs as many as are
/// waiting (up to <see cref="MaxBatch"/>, or <see cref="MaxBatchTime"/>) in one transaction, each inside a savepoint so a
/// failing command is undone alone, then commits once: the commit's wait for the disk is shared by the batch. A command
/// hears its outcome only after the commit, so an answered command is durable, and a failed commit fails the whole batch.
/// </summary>
public sealed class SqliteWriter : IAsyncDisposable
{
    public const int MaxBatch = 64;
    public static readonly TimeSpan MaxBatchTime = TimeSpan.FromMilliseconds(25);
    private const string Savepoint = "command";

    private readonly Channel<IWork> queue = Channel.CreateUnbounded<IWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string connectionString;
    private readonly int busyTimeoutMs;
    private readonly ILogger<SqliteWriter> logger;
    private readonly Task loop;
    private SqliteConnection? connection;

    public SqliteWriter(string connectionString, int busyTimeoutMs, ILogger<SqliteWriter> logger)
    {
        this.connectionString = connectionString;
        this.busyTimeoutMs = busyTimeoutMs;
        this.logger = logger;
        // The loop belongs to no request: it must not carry the execution context (the HttpContext, the caller) of
        // whoever happened to create it. Each command runs in its own caller's context instead (Work.RunAsync).
        using (ExecutionContext.SuppressFlow())
        {
            loop = Task.Run(LoopAsync);
        }
    }

    /// <summary>Runs <paramref name="work"/> in turn on the writer's connection and transaction; completes once it is committed.</summary>
    public Task<T> RunAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken ct)
    {
        var item = new Work<T>(work, ct);
        ObjectDisposedException.ThrowIf(!queue.Writer.TryWrite(item), this);
        return item.Task;
    }

    private async Task LoopAsync()
    {
        while (await queue.Reader.WaitToReadAsync())
        {
            var ran = new List<IWork>();
            SqliteTransaction? transaction = null;
            try
            {
                connection ??= Open();
                transaction = connection.BeginTransaction(deferred: false);
                var started = Stopwatch.GetTimestamp();
                while (ran.Count < MaxBatch && Stopwatch.GetElapsedTime(started) < MaxBatchTime && queue.Reader.TryRead(out var item))
                {
                    if (item.IsCancelled)
                    {
                        item.Cancel();
                        continue;
                    }

                    transaction.Save(Savepoint);
                    try
                    {
                        await item.RunAsync(connection, transaction);
                        transaction.Release(Savepoint);
                        ran.Add(item);
                    }
                    catch (Exception e)
                    {
                        transaction.Rollback(Savepoint);
                        transaction.Release(Savepoint);
                        item.Fail(e);
                    }
                }

                transaction.Commit();
                foreach (var item in ran)
                {
                    item.Succeed();
                }
            }
            catch (Exception e)
            {
                logger.LogError(e, "The SQLite writer could not commit a batch of {Count} commands; they fail.", ran.Count);
                foreach (var item in ran)
                {
                    item.Fail(e);
                }

                connection?.Dispose();
                connection = null;
                await Task.Delay(50);
            }
            finally
            {
                transaction?.Dispose();
            }
        }
    }

    private SqliteConnection Open()
    {
        var opened = new SqliteConnection(connectionString);
        opened.Open();
        SqlitePragmaInterceptor.Apply(opened, busyTimeoutMs);
        return opened;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
        connection?.Dispose();
    }

    private interface IWork
    {
        bool IsCancelled { get; }

        Task RunAsync(SqliteConnection connection, SqliteTransaction transaction);

        void Succeed();

        void Fail(Exception e);

        void Cancel();
    }

    private sealed class Work<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken ct) : IWork
    {
        private readonly TaskCompletionSource<T> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ExecutionContext? caller = ExecutionContext.Capture();
        private T? result;

        public Task<T> Task => outcome.Task;

        public bool IsCancelled => ct.IsCancellationRequested;

        /// <summary>Runs the work in the execution context of the request that queued it (its HttpContext, its caller).</summary>
        public async Task RunAsync(SqliteConnection connection, SqliteTransaction transaction)
        {
            Task<T>? running = null;
            if (caller is null)
            {
                running = work(connection, transaction);
            }
            else
            {
                ExecutionContext.Run(caller, _ => running = work(connection, transaction), null);
            }

            result = await running!;
        }

        public void Succeed() => outcome.TrySetResult(result!);

        public void Fail(Exception e) => outcome.TrySetException(e);

        public void Cancel() => outcome.TrySetCanceled(ct);
    }
}
