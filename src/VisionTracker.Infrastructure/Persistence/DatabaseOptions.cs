namespace VisionTracker.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Only "Sqlite" for now.</summary>
    public string Provider { get; set; } = "Sqlite";

    public string ConnectionString { get; set; } = "Data Source=data/visiontracker.db";
    public bool MigrateOnStartup { get; set; } = true;
    public int BusyTimeoutMs { get; set; } = 5000;
}
