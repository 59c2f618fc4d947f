using Mediator;
using VisionTracker.Application.Figures;

namespace VisionTracker.Application.Common.Behaviours;

/// <summary>
/// Runs each command as one unit of work (<see cref="IUnitOfWork"/>): the handler, then the figures its changes can
/// reach (<see cref="FigureUpdater"/>), then the commit. When a command returns, its figures are current; when it fails,
/// nothing of it is kept. A retried attempt starts from a clean change tracker. A <see cref="IBatchFiguresCommand"/>
/// on a unit of work that updates figures per batch leaves its changes (<see cref="FigureChanges"/>) to the unit of
/// work, which updates the figures of its whole batch once before the batch commits.
/// </summary>
public sealed class UnitOfWorkBehavior<TMessage, TResponse>(
    IVisionTrackerDbContext db, IUnitOfWork unitOfWork, FigureUpdater figures, FigureChanges changes, CommandContext context)
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
        var perBatch = message is IBatchFiguresCommand && unitOfWork.UpdatesFiguresPerBatch;
        var attempt = 0;
        return await unitOfWork.RunAsync(
            async ct =>
            {
                if (attempt++ > 0)
                {
                    db.ChangeTracker.Clear();
                }

                changes.Clear();
                var response = await next(message, ct);
                if (db.ChangeTracker.HasChanges())
                {
                    await db.SaveChangesAsync(ct);
                }

                if (!perBatch)
                {
                    await figures.ApplyAsync(ct);
                }

                return response;
            },
            message is IExclusiveCommand,
            perBatch,
            cancellationToken);
    }
}
