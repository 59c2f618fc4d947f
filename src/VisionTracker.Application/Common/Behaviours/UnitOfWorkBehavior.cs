using Mediator;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Common;

namespace VisionTracker.Application.Common.Behaviours;

/// <summary>
/// Runs each command in one transaction, then brings the figures of every period it touched up to date before
/// committing: when a command returns, its figures are current; when it fails, nothing of it is kept.
/// </summary>
public sealed class UnitOfWorkBehavior<TMessage, TResponse>(
    IVisionTrackerDbContext db, FigureCalculator figures, CommandContext context)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand || db.Database.CurrentTransaction is not null)
        {
            return await next(message, cancellationToken);
        }

        context.Name = typeof(TMessage).Name;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var response = await next(message, cancellationToken);

        var periods = db.ChangeTracker.Entries()
            .Select(e => e.Entity)
            .OfType<IPeriodScoped>()
            .Select(e => e.PeriodId)
            .Distinct()
            .ToList();
        foreach (var period in periods)
        {
            await figures.RecalculatePeriodAsync(period, cancellationToken);
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return response;
    }
}
