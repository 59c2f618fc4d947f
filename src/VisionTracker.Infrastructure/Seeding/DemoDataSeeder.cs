using VisionTracker.Application.Figures;
using VisionTracker.Infrastructure.Persistence;

namespace VisionTracker.Infrastructure.Seeding;

/// <summary>Seeds a realistic Aarhus example in Danish into an empty database.</summary>
public sealed class DemoDataSeeder(VisionTrackerDbContext db, FigureCalculator figures, FigureReader reader, TimeProvider clock)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        // All or nothing: a half-seeded database would not be seeded again, as it is no longer empty.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var builder = new DemoDataBuilder(db, DemoData.Load(), clock.GetUtcNow().UtcDateTime, reader.TimeZone);
        builder.Build();
        await db.SaveChangesAsync(ct);

        foreach (var periodId in builder.PeriodIds)
        {
            await figures.RecalculatePeriodAsync(periodId, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
