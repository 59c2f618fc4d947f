using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Application.Figures;

namespace VisionTracker.Infrastructure.Persistence;

/// <summary>
/// The figure update of a batch of SQLite commands (<see cref="SqliteWriter"/>): what its commands changed, taken
/// together, brought up to date by <see cref="FigureUpdater"/> in a scope of its own on the writer's connection and
/// transaction, once, just before the batch commits. A key result checked in by several commands of the batch, and the
/// goals and areas above them all, are read and written once for the batch instead of once per command.
/// </summary>
public sealed class SqliteBatchFigures(IServiceScopeFactory scopes)
{
    public async Task ApplyAsync(SqliteConnection connection, SqliteTransaction transaction, FigureChanges changes)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VisionTrackerDbContext>();
        await SqliteUnitOfWork.LendAsync(db.Database, connection, transaction, async () =>
        {
            scope.ServiceProvider.GetRequiredService<FigureChanges>().UnionWith(changes);
            await scope.ServiceProvider.GetRequiredService<FigureUpdater>().ApplyAsync(CancellationToken.None);
            return true;
        });
    }
}
