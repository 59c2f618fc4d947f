using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Application.Figures;

namespace VisionTracker.Infrastructure.Persistence;

/// <summary>
/// The figure update of a batch of commands (<see cref="BatchWriter"/>): what its commands changed, taken together,
/// brought up to date by <see cref="FigureUpdater"/> in a scope of its own on the writer's connection and transaction,
/// once, just before the batch commits. A key result checked in by several commands of the batch, and the goals and
/// areas above them all, are read and written once for the batch instead of once per command.
/// </summary>
public sealed class BatchFigures(IServiceScopeFactory scopes)
{
    public async Task ApplyAsync(DbConnection connection, DbTransaction transaction, FigureChanges changes)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VisionTrackerDbContext>();
        await LendAsync(db.Database, connection, transaction, async () =>
        {
            scope.ServiceProvider.GetRequiredService<FigureChanges>().UnionWith(changes);
            await scope.ServiceProvider.GetRequiredService<FigureUpdater>().ApplyAsync(CancellationToken.None);
            return true;
        });
    }

    /// <summary>Runs <paramref name="work"/> with <paramref name="database"/> on the writer's connection and transaction.</summary>
    internal static async Task<T> LendAsync<T>(DatabaseFacade database, DbConnection connection, DbTransaction transaction, Func<Task<T>> work)
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
