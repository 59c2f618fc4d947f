using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;

namespace VisionTracker.Infrastructure.Persistence;

/// <summary>
/// A command on SQLite: it waits its turn in the <see cref="SqliteWriter"/> and runs on the writer's connection,
/// inside the writer's transaction; the scope's DbContext is lent to it for the time and given its own connection back
/// afterwards (reads before and after use the pool as usual). Every command runs alone, so exclusive ones need nothing more.
/// A command that leaves figure changes behind (<see cref="IBatchFiguresCommand"/>) hands them to the writer, which
/// brings the figures of its whole batch up to date once before the commit (<see cref="BatchFigures"/>).
/// </summary>
public sealed class SqliteUnitOfWork(VisionTrackerDbContext db, SqliteWriter queue, FigureChanges changes) : IUnitOfWork
{
    public bool UpdatesFiguresPerBatch => true;

    public Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, bool exclusive, bool batchFigures, CancellationToken cancellationToken) =>
        queue.RunForAsync(db, changes, work, batchFigures, cancellationToken);
}
