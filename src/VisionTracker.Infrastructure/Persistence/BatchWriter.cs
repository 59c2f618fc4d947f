using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using VisionTracker.Application.Figures;

namespace VisionTracker.Infrastructure.Persistence;

/// <summary>
/// A write queue: commands queue here (a channel read by one loop), first come first served, and one loop runs them on
/// one connection. It runs as many as are waiting (up to <see cref="MaxBatch"/>, or <see cref="MaxBatchTime"/>) in one
/// transaction, each inside a savepoint so a failing command is undone alone, then commits once: the commit, and the
/// locks of the rows every command changes, are shared by the batch. A command hears its outcome only after the commit,
/// so an answered command is durable, and a failed commit fails the whole batch.
/// Commands may leave their figure changes to the batch (<see cref="RunWithFiguresAsync{T}"/>): the figures of all of
/// them are brought up to date once, after the last command and before the commit (<see cref="BatchFigures"/>);
/// when that fails, the whole batch fails, as when the commit does. A command the database asks to wait where waiting
/// could deadlock (<see cref="Defers"/>) is undone and runs first in the next batch; a batch whose figure update or
/// commit fails for a reason another try can cure (<see cref="IsTransient"/>) runs again, every command's work again.
/// </summary>
public abstract class BatchWriter : IAsyncDisposable
{
    public const int MaxBatch = 64;
    public static readonly TimeSpan MaxBatchTime = TimeSpan.FromMilliseconds(25);
    private const int MaxAttempts = 5;
    private const string Savepoint = "command";

    private readonly Channel<IWork> queue = Channel.CreateUnbounded<IWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger logger;
    private readonly BatchFigures? figures;
    private readonly Task loop;
    private DbConnection? connection;

    protected BatchWriter(ILogger logger, BatchFigures? figures)
    {
        this.logger = logger;
        this.figures = figures;
        // The loop belongs to no request: it must not carry the execution context (the HttpContext, the caller) of
        // whoever happened to create it. Each command runs in its own caller's context instead (Work.RunAsync).
        using (ExecutionContext.SuppressFlow())
        {
            loop = Task.Run(LoopAsync);
        }
    }

    /// <summary>Opens the writer's connection.</summary>
    protected abstract Task<DbConnection> OpenAsync();

    /// <summary>Begins a batch's transaction (and takes what every batch holds first).</summary>
    protected abstract Task<DbTransaction> BeginAsync(DbConnection connection);

    /// <summary>A failure of the batch's figure update or commit that running the whole batch again can cure.</summary>
    protected virtual bool IsTransient(Exception e) => false;

    /// <summary>A command's failure that running it first in the next batch can cure (it would wait for a lock while the batch holds others).</summary>
    protected virtual bool Defers(Exception e) => false;

    /// <summary>Runs <paramref name="work"/> in turn on the writer's connection and transaction; completes once it is committed.</summary>
    public async Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct) =>
        (await RunWithFiguresAsync(async (c, t) => (await work(c, t), (FigureChanges?)null), batchFigures: false, ct)).Result;

    /// <summary>
    /// As <see cref="RunAsync{T}"/>, and the figure changes the work returns are brought up to date with the rest of its
    /// batch before the commit; they are returned as well. Work that does not leave them to the batch
    /// (<paramref name="batchFigures"/> false) finds the figures of the work before it in the batch brought up to date first.
    /// </summary>
    public Task<(T Result, FigureChanges? Figures)> RunWithFiguresAsync<T>(
        Func<DbConnection, DbTransaction, Task<(T Result, FigureChanges? Figures)>> work, bool batchFigures, CancellationToken ct)
    {
        var item = new Work<T>(work, batchFigures, ct);
        ObjectDisposedException.ThrowIf(!queue.Writer.TryWrite(item), this);
        return item.Task;
    }

    /// <summary>
    /// Runs a unit of work's <paramref name="work"/> here with <paramref name="db"/> lent the writer's connection and
    /// transaction; the figure changes it leaves (<paramref name="changes"/>) go to the batch when <paramref name="batchFigures"/>,
    /// and the scope's change tracker is cleared afterwards, so nothing in it reads a tracked entity's figures from before the batch's update.
    /// </summary>
    public async Task<T> RunForAsync<T>(
        VisionTrackerDbContext db, FigureChanges changes, Func<CancellationToken, Task<T>> work, bool batchFigures, CancellationToken cancellationToken)
    {
        var (result, deferred) = await RunWithFiguresAsync(
            (connection, transaction) => BatchFigures.LendAsync(db.Database, connection, transaction, async () =>
            {
                var result = await work(cancellationToken);
                if (changes.IsEmpty)
                {
                    return (result, (FigureChanges?)null);
                }

                var left = new FigureChanges();
                left.UnionWith(changes);
                changes.Clear();
                return (result, left);
            }),
            batchFigures,
            cancellationToken);
        if (deferred is not null)
        {
            db.ChangeTracker.Clear();
        }

        return result;
    }

    private async Task LoopAsync()
    {
        var front = new List<IWork>();
        while (front.Count > 0 || await queue.Reader.WaitToReadAsync())
        {
            var ran = new List<IWork>();
            var changes = new FigureChanges();
            IWork? waiting = null;
            DbTransaction? transaction = null;
            try
            {
                if (connection is { State: not ConnectionState.Open })
                {
                    // Closed under us (a server restart, an idle connection ended): a new one rather than a failed batch.
                    await connection.DisposeAsync();
                    connection = null;
                }

                connection ??= await OpenAsync();
                transaction = await BeginAsync(connection);
                var started = Stopwatch.GetTimestamp();
                while (ran.Count < MaxBatch && Stopwatch.GetElapsedTime(started) < MaxBatchTime && Next(front) is { } item)
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

                    waiting = item;
                    await transaction.SaveAsync(Savepoint);
                    try
                    {
                        if (await item.RunAsync(connection, transaction, first: ran.Count == 0) is { } left)
                        {
                            changes.UnionWith(left);
                        }

                        await transaction.ReleaseAsync(Savepoint);
                        ran.Add(item);
                        waiting = null;
                    }
                    catch (Exception e)
                    {
                        await transaction.RollbackAsync(Savepoint);
                        await transaction.ReleaseAsync(Savepoint);
                        waiting = null;
                        if (Defers(e) && item.Attempts++ < MaxAttempts)
                        {
                            front.Insert(0, item);
                            break;
                        }

                        item.Fail(e);
                    }
                }

                await ApplyFiguresAsync(connection, transaction, changes);
                await transaction.CommitAsync();
                foreach (var item in ran)
                {
                    item.Succeed();
                }
            }
            catch (Exception e) when (IsTransient(e) && ran.Concat(waiting is null ? [] : [waiting]).All(i => i.Attempts < MaxAttempts))
            {
                logger.LogInformation("A batch of {Count} commands met a transient database failure ({Failure}) and runs again.", ran.Count, e.GetBaseException().Message);
                await RollBackQuietlyAsync(transaction);
                foreach (var item in ran.Concat(waiting is null ? [] : [waiting]))
                {
                    item.Attempts++;
                }

                front.InsertRange(0, waiting is null ? ran : [.. ran, waiting]);
                await Task.Delay(Random.Shared.Next(5, 30));
            }
            catch (Exception e)
            {
                logger.LogError(e, "The write queue could not update the figures of or commit a batch of {Count} commands; they fail.", ran.Count);
                foreach (var item in ran)
                {
                    item.Fail(e);
                }

                waiting?.Fail(e);
                await RollBackQuietlyAsync(transaction);
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }

                connection = null;
                await Task.Delay(50);
            }
            finally
            {
                if (transaction is not null)
                {
                    await transaction.DisposeAsync();
                }
            }
        }
    }

    private IWork? Next(List<IWork> front)
    {
        if (front.Count > 0)
        {
            var item = front[0];
            front.RemoveAt(0);
            return item;
        }

        return queue.Reader.TryRead(out var read) ? read : null;
    }

    private static async Task RollBackQuietlyAsync(DbTransaction? transaction)
    {
        try
        {
            if (transaction?.Connection is not null)
            {
                await transaction.RollbackAsync();
            }
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // The connection is gone or the transaction already ended: nothing of it is kept either way.
        }
    }

    /// <summary>Brings the figures of the batch's work so far up to date (outside any command's savepoint: a failure fails the batch).</summary>
    private async Task ApplyFiguresAsync(DbConnection connection, DbTransaction transaction, FigureChanges changes)
    {
        if (changes.IsEmpty)
        {
            return;
        }

        await (figures ?? throw new InvalidOperationException("This writer has no figure update for its batches.")).ApplyAsync(connection, transaction, changes);
        changes.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        if (figures is not null)
        {
            await figures.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private interface IWork
    {
        bool IsCancelled { get; }

        bool BatchFigures { get; }

        /// <summary>How many times the work was undone to run again.</summary>
        int Attempts { get; set; }

        /// <summary>Runs the work (<paramref name="first"/> in its batch or after others); returns the figure changes it leaves to the batch.</summary>
        Task<FigureChanges?> RunAsync(DbConnection connection, DbTransaction transaction, bool first);

        void Succeed();

        void Fail(Exception e);

        void Cancel();
    }

    private sealed class Work<T>(Func<DbConnection, DbTransaction, Task<(T Result, FigureChanges? Figures)>> work, bool batchFigures, CancellationToken ct) : IWork
    {
        private readonly TaskCompletionSource<(T, FigureChanges?)> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ExecutionContext? caller = ExecutionContext.Capture();
        private (T, FigureChanges?) result;

        public Task<(T Result, FigureChanges? Figures)> Task => outcome.Task;

        public bool IsCancelled => ct.IsCancellationRequested;

        public bool BatchFigures => batchFigures;

        public int Attempts { get; set; }

        /// <summary>Runs the work in the execution context of the request that queued it (its HttpContext, its caller).</summary>
        public async Task<FigureChanges?> RunAsync(DbConnection connection, DbTransaction transaction, bool first)
        {
            Task<(T, FigureChanges?)>? running = null;
            void Start()
            {
                GoalTreeLocks.OnlyIfFree.Value = !first;
                running = work(connection, transaction);
            }

            if (caller is null)
            {
                Start();
                GoalTreeLocks.OnlyIfFree.Value = false;
            }
            else
            {
                ExecutionContext.Run(caller, _ => Start(), null);
            }

            result = await running!;
            return result.Item2;
        }

        public void Succeed() => outcome.TrySetResult(result);

        public void Fail(Exception e) => outcome.TrySetException(e);

        public void Cancel() => outcome.TrySetCanceled(ct);
    }
}
