using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Planning;
using VisionTracker.Infrastructure.Persistence;

namespace VisionTracker.Infrastructure.Seeding;

/// <summary>Seeds a realistic Aarhus example in Danish into an empty database.</summary>
public sealed class DemoDataSeeder(VisionTrackerDbContext db, FigureCalculator figures, FigureReader reader, SnapshotWriter snapshots, TimeProvider clock)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        // All or nothing: a half-seeded database would not be seeded again, as it is no longer empty.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var builder = new DemoDataBuilder(db, DemoData.Load(), clock.GetUtcNow().UtcDateTime, reader.TimeZone);
        builder.Build();
        await db.SaveChangesAsync(ct);
        await CloseGoalsAsync(builder, ct);

        foreach (var period in builder.Periods)
        {
            await figures.RecalculatePeriodAsync(period.Id, ct);
            await WriteHistoryAsync(period, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// The goals' moves out of Active are saved like any change (audited), then dated when their owners made them: the
    /// replay behind snapshots and AsOf answers undoes a state change only after the instant it was made.
    /// </summary>
    private async Task CloseGoalsAsync(DemoDataBuilder builder, CancellationToken ct)
    {
        var closings = builder.CloseGoals();
        await db.SaveChangesAsync(ct);
        foreach (var closing in closings)
        {
            var id = closing.GoalId.ToString();
            await db.AuditEntries.Where(e => e.EntityType == nameof(Goal) && e.EntityId == id && e.Operation == nameof(EntityState.Modified))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.At, closing.At).SetProperty(e => e.ActorId, closing.OwnerId), ct);
        }
    }

    /// <summary>
    /// Month-end snapshots of the themes and units from the period's start (replayed from the seeded check-ins), so trends
    /// show on a fresh install; a closed period also gets its closing snapshot.
    /// </summary>
    private async Task WriteHistoryAsync(Period period, CancellationToken ct)
    {
        if (period.State == PeriodState.Planning)
        {
            return;
        }

        for (var month = new DateOnly(period.Start.Year, period.Start.Month, 1).AddMonths(1).AddDays(-1); month < reader.Today && month < period.End; month = month.AddDays(1).AddMonths(1).AddDays(-1))
        {
            await snapshots.WriteReplayedAsync(period.Id, month, isFinal: false, ct);
        }

        if (period.State == PeriodState.Closed)
        {
            await snapshots.WriteReplayedAsync(period.Id, period.End, isFinal: true, ct);
        }
    }
}
