using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;

namespace VisionTracker.Infrastructure.Persistence;

/// <summary>
/// A command on SQLite: it waits its turn in the <see cref="SqliteWriter"/> and runs on the writer's connection,
/// inside the writer's transaction; the scope's DbContext is lent to it for the time and given its own connection back
/// afterwards (reads before and after use the pool as usual). Every command runs alone, so exclusive ones need nothing more.
/// A command that leaves figure changes behind (<see cref="IBatchFiguresCommand"/>) hands them to the writer, which
/// brings the figures of its whole batch up to date once before the commit (<see cref="SqliteBatchFigures"/>); its
/// change tracker is cleared afterwards, so nothing in the scope reads a tracked entity's figures from before that.
/// </summary>
public sealed class SqliteUnitOfWork(VisionTrackerDbContext db, SqliteWriter queue, FigureChanges changes) : IUnitOfWork
{
    public bool UpdatesFiguresPerBatch => true;

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, bool exclusive, bool batchFigures, CancellationToken cancellationToken)
    {
        var (result, deferred) = await queue.RunWithFiguresAsync(
            (connection, transaction) => LendAsync(db.Database, connection, transaction, async () =>
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

    /// <summary>Runs <paramref name="work"/> with <paramref name="database"/> on the writer's connection and transaction.</summary>
    internal static async Task<T> LendAsync<T>(DatabaseFacade database, SqliteConnection connection, SqliteTransaction transaction, Func<Task<T>> work)
    {
        var own = database.GetConnectionString();
        database.SetDbConnection(connection, contextOwnsConnection: false);
        await database.UseTransactionAsync(transaction);
        database.AutoSavepointsEnabled = false;
        try
        {
            return await work();
        }
        finally
        {
            await database.UseTransactionAsync(null, CancellationToken.None);
            database.AutoSavepointsEnabled = true;
            database.SetDbConnection(null, contextOwnsConnection: true);
            database.SetConnectionString(own);
        }
    }
}
