using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Figures;

/// <summary>
/// The nightly roll-up of one period: every stored figure recomputed from scratch (repairing drift), then, for a period
/// that has begun by the date and is not closed, the day's snapshot of every goal, key result, action, theme and org
/// unit (a period still to come has no history to keep yet; a closed one keeps its closing snapshot). A closed period
/// is recomputed only when its <see cref="ClosedPeriodStamp"/> has changed since its last full run (nothing inside it
/// can change). Safe to repeat: a second run on the same date repairs nothing and rewrites only the snapshot rows that changed.
/// </summary>
public sealed record RecalculatePeriodFiguresCommand(Guid PeriodId, DateOnly SnapshotDate) : ICommand<PeriodRecalculation>, IExclusiveCommand;

/// <summary>
/// How many stored values the recomputation changed, and how many snapshot rows the period has for the date;
/// <paramref name="Skipped"/> when the period is closed and unchanged since its last full run.
/// </summary>
public sealed record PeriodRecalculation(int Repairs, int Snapshots, bool Skipped = false);

public sealed class RecalculatePeriodFiguresValidator : AbstractValidator<RecalculatePeriodFiguresCommand>
{
    public RecalculatePeriodFiguresValidator() => RuleFor(c => c.PeriodId).NotEmpty();
}

public sealed class RecalculatePeriodFiguresHandler(IVisionTrackerDbContext db, FigureCalculator figures, SnapshotWriter snapshots)
    : ICommandHandler<RecalculatePeriodFiguresCommand, PeriodRecalculation>
{
    public async ValueTask<PeriodRecalculation> Handle(RecalculatePeriodFiguresCommand command, CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking()
            .Where(p => p.Id == command.PeriodId)
            .Select(p => new { p.State, p.Start, p.FiguresStamp })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Period", command.PeriodId);

        if (period.State == PeriodState.Closed)
        {
            var stamp = await ClosedPeriodStamp.ComputeAsync(db, cancellationToken);
            if (stamp == period.FiguresStamp)
            {
                return new PeriodRecalculation(0, 0, Skipped: true);
            }

            var repaired = await figures.RecalculatePeriodAsync(command.PeriodId, cancellationToken);
            await db.Periods.Where(p => p.Id == command.PeriodId).ExecuteUpdateAsync(s => s.SetProperty(p => p.FiguresStamp, stamp), cancellationToken);
            db.ChangeTracker.Clear();
            return new PeriodRecalculation(repaired, 0);
        }

        var repairs = await figures.RecalculatePeriodAsync(command.PeriodId, cancellationToken);
        var keepsHistory = command.SnapshotDate >= period.Start;
        var written = keepsHistory ? await snapshots.WriteAsync(command.PeriodId, command.SnapshotDate, isFinal: false, cancellationToken) : 0;
        await db.SaveChangesAsync(cancellationToken);

        // All of it is saved (the transaction commits after this handler); nothing tracked is needed any more.
        db.ChangeTracker.Clear();
        return new PeriodRecalculation(repairs, written);
    }
}
