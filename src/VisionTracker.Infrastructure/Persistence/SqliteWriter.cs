using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using VisionTracker.Application.Figures;
using VisionTracker.Infrastructure.Persistence.Interceptors;

namespace VisionTracker.Infrastructure.Persistence;

/// <summary>
/// SQLite lets one writer in at a time; instead of every command opening a transaction and busy-waiting for the file
/// lock, commands queue here (a channel read by one loop), first come first served, and one loop runs them on one connection. It runs as many as are
/// waiting (up to <see cref="MaxBatch"/>, or <see cref="MaxBatchTime"/>) in one transaction, each inside a savepoint so a
/// failing command is undone alone, then commits once: the commit's wait for the disk is shared by the batch. A command
/// hears its outcome only after the commit, so an answered command is durable, and a failed commit fails the whole batch.
/// Commands may leave their figure changes to the batch (<see cref="RunWithFiguresAsync{T}"/>): the figures of all of
/// them are brought up to date once, after the last command and before the commit (<see cref="SqliteBatchFigures"/>);
/// when that fails, the whole batch fails, as when the commit does.
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
    private readonly SqliteBatchFigures? figures;
    private readonly Task loop;
    private SqliteConnection? connection;

    public SqliteWriter(string connectionString, int busyTimeoutMs, ILogger<SqliteWriter> logger, SqliteBatchFigures? figures = null)
    {
        this.connectionString = connectionString;
        this.busyTimeoutMs = busyTimeoutMs;
        this.logger = logger;
        this.figures = figures;
        // The loop belongs to no request: it must not carry the execution context (the HttpContext, the caller) of
        // whoever happened to create it. Each command runs in its own caller's context instead (Work.RunAsync).
        using (ExecutionContext.SuppressFlow())
        {
            loop = Task.Run(LoopAsync);
        }
    }

    /// <summary>Runs <paramref name="work"/> in turn on the writer's connection and transaction; completes once it is committed.</summary>
    public async Task<T> RunAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken ct) =>
        (await RunWithFiguresAsync(async (c, t) => (await work(c, t), (FigureChanges?)null), batchFigures: false, ct)).Result;

    /// <summary>
    /// As <see cref="RunAsync{T}"/>, and the figure changes the work returns are brought up to date with the rest of its
    /// batch before the commit; they are returned as well. Work that does not leave them to the batch
    /// (<paramref name="batchFigures"/> false) finds the figures of the work before it in the batch brought up to date first.
    /// </summary>
    public Task<(T Result, FigureChanges? Figures)> RunWithFiguresAsync<T>(
        Func<SqliteConnection, SqliteTransaction, Task<(T Result, FigureChanges? Figures)>> work, bool batchFigures, CancellationToken ct)
    {
        var item = new Work<T>(work, batchFigures, ct);
        ObjectDisposedException.ThrowIf(!queue.Writer.TryWrite(item), this);
        return item.Task;
    }

    private async Task LoopAsync()
    {
        while (await queue.Reader.WaitToReadAsync())
        {
            var ran = new List<IWork>();
            var changes = new FigureChanges();
            IWork? waiting = null;
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

                    if (!item.BatchFigures)
                    {
                        waiting = item;
                        await ApplyFiguresAsync(connection, transaction, changes);
                        waiting = null;
                    }

                    transaction.Save(Savepoint);
                    try
                    {
                        if (await item.RunAsync(connection, transaction) is { } left)
                        {
                            changes.UnionWith(left);
                        }

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

                await ApplyFiguresAsync(connection, transaction, changes);
                transaction.Commit();
                foreach (var item in ran)
                {
                    item.Succeed();
                }
            }
            catch (Exception e)
            {
                logger.LogError(e, "The SQLite writer could not update the figures of or commit a batch of {Count} commands; they fail.", ran.Count);
                foreach (var item in ran)
                {
                    item.Fail(e);
                }

                waiting?.Fail(e);
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

    /// <summary>Brings the figures of the batch's work so far up to date (outside any command's savepoint: a failure fails the batch).</summary>
    private async Task ApplyFiguresAsync(SqliteConnection connection, SqliteTransaction transaction, FigureChanges changes)
    {
        if (changes.IsEmpty)
        {
            return;
        }

        await (figures ?? throw new InvalidOperationException("This writer has no figure update for its batches.")).ApplyAsync(connection, transaction, changes);
        changes.Clear();
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

        bool BatchFigures { get; }

        /// <summary>Runs the work; returns the figure changes it leaves to the batch.</summary>
        Task<FigureChanges?> RunAsync(SqliteConnection connection, SqliteTransaction transaction);

        void Succeed();

        void Fail(Exception e);

        void Cancel();
    }

    private sealed class Work<T>(Func<SqliteConnection, SqliteTransaction, Task<(T Result, FigureChanges? Figures)>> work, bool batchFigures, CancellationToken ct) : IWork
    {
        private readonly TaskCompletionSource<(T, FigureChanges?)> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ExecutionContext? caller = ExecutionContext.Capture();
        private (T, FigureChanges?) result;

        public Task<(T Result, FigureChanges? Figures)> Task => outcome.Task;

        public bool IsCancelled => ct.IsCancellationRequested;

        public bool BatchFigures => batchFigures;

        /// <summary>Runs the work in the execution context of the request that queued it (its HttpContext, its caller).</summary>
        public async Task<FigureChanges?> RunAsync(SqliteConnection connection, SqliteTransaction transaction)
        {
            Task<(T, FigureChanges?)>? running = null;
            if (caller is null)
            {
                running = work(connection, transaction);
            }
            else
            {
                ExecutionContext.Run(caller, _ => running = work(connection, transaction), null);
            }

            result = await running!;
            return result.Item2;
        }

        public void Succeed() => outcome.TrySetResult(result);

        public void Fail(Exception e) => outcome.TrySetException(e);

        public void Cancel() => outcome.TrySetCanceled(ct);
    }
}
