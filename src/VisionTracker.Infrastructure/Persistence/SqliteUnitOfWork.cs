using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;

namespace VisionTracker.Infrastructure.Persistence;

/// <summary>
/// A command on SQLite: it waits its turn in the <see cref="SqliteWriter"/> and runs on the writer's connection,
/// inside the writer's transaction; the scope's DbContext is lent to it for the time and given its own connection back
/// afterwards (reads before and after use the pool as usual). Every command runs alone, so exclusive ones need nothing more.
/// </summary>
public sealed class SqliteUnitOfWork(VisionTrackerDbContext db, SqliteWriter queue) : IUnitOfWork
{
    public Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, bool exclusive, CancellationToken cancellationToken) =>
        queue.RunAsync(
            async (connection, transaction) =>
            {
                var own = db.Database.GetConnectionString();
                db.Database.SetDbConnection(connection, contextOwnsConnection: false);
                await db.Database.UseTransactionAsync(transaction, cancellationToken);
                db.Database.AutoSavepointsEnabled = false;
                try
                {
                    return await work(cancellationToken);
                }
                finally
                {
                    await db.Database.UseTransactionAsync(null, CancellationToken.None);
                    db.Database.AutoSavepointsEnabled = true;
                    db.Database.SetDbConnection(null, contextOwnsConnection: true);
                    db.Database.SetConnectionString(own);
                }
            },
            cancellationToken);
}
