using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Application.Figures;

namespace VisionTracker.Infrastructure.Persistence;

/// <summary>
/// The figure update of a batch of commands (<see cref="BatchWriter"/>): what its commands changed, taken together,
/// brought up to date by <see cref="FigureUpdater"/> on the writer's connection and transaction, once, just before the
/// batch commits. A key result checked in by several commands of the batch, and the goals and areas above them all, are
/// read and written once for the batch instead of once per command. Only the writer's loop calls it, one batch at a
/// time, so its scope (a DbContext and the updater) serves batch after batch, its change tracker cleared after each;
/// after a failure it is dropped and the next batch gets a new one.
/// </summary>
public sealed class BatchFigures(IServiceScopeFactory scopes) : IAsyncDisposable
{
    private AsyncServiceScope? scope;

    public async Task ApplyAsync(DbConnection connection, DbTransaction transaction, FigureChanges changes)
    {
        var services = (scope ??= scopes.CreateAsyncScope()).ServiceProvider;
        var db = services.GetRequiredService<VisionTrackerDbContext>();
        try
        {
            await LendAsync(db.Database, connection, transaction, async () =>
            {
                services.GetRequiredService<FigureChanges>().UnionWith(changes);
                await services.GetRequiredService<FigureUpdater>().ApplyAsync(CancellationToken.None, treesLocked: true);
                return true;
            });
            db.ChangeTracker.Clear();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (scope is { } current)
        {
            scope = null;
            await current.DisposeAsync();
        }
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
