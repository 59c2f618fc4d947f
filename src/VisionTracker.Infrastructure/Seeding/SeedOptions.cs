namespace VisionTracker.Infrastructure.Seeding;

public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Seed the Aarhus demo data into an empty database on start-up.</summary>
    public bool DemoData { get; set; } = true;
}
