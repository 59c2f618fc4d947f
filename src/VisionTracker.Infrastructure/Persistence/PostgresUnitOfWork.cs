using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;

namespace VisionTracker.Infrastructure.Persistence;

/// <summary>
/// A command on PostgreSQL: its own READ COMMITTED transaction beside the others, the shared figures lock first (or the
/// exclusive one, <see cref="IExclusiveCommand"/>), and another try, a few times, when the database gives up on it for
/// a reason another try can cure (<see cref="DatabaseErrors.IsTransient"/>). Conflicting work waits on locks rather than
/// failing, so a valid check-in beside another never answers 409 or 5xx. Check-ins (<see cref="IBatchFiguresCommand"/>)
/// run in the <see cref="PostgresWriter"/>'s batches instead, with their figures updated once per batch.
/// </summary>
public sealed class PostgresUnitOfWork(
    VisionTrackerDbContext db, PostgresWriter batches, FigureChanges changes, ILogger<PostgresUnitOfWork> logger) : IUnitOfWork
{
    private const int MaxAttempts = 5;

    public bool UpdatesFiguresPerBatch => true;

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, bool exclusive, bool batchFigures, CancellationToken cancellationToken)
    {
        if (batchFigures && !exclusive)
        {
            return await batches.RunForAsync(db, changes, work, batchFigures, cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync(exclusive ? GoalTreeLocks.ExclusiveFiguresLock : GoalTreeLocks.SharedFiguresLock, cancellationToken);
                var result = await work(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (Exception e) when (attempt < MaxAttempts && DatabaseErrors.IsTransient(e))
            {
                await transaction.RollbackAsync(CancellationToken.None);
                logger.LogInformation("A command met a transient database failure ({Failure}) and is tried again (attempt {Attempt}).", e.GetBaseException().Message, attempt + 1);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
            }
        }
    }
}
