namespace VisionTracker.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"Sqlite" (embedded, the default) or "Postgres" (scale-out).</summary>
    public string Provider { get; set; } = "Sqlite";

    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase);

    public string ConnectionString { get; set; } = "Data Source=data/visiontracker.db";
    public bool MigrateOnStartup { get; set; } = true;
    public int BusyTimeoutMs { get; set; } = 5000;

    /// <summary>How long one SQL command may run before it fails (seconds); unset, the provider's default (30 s).</summary>
    public int? CommandTimeoutSeconds { get; set; }
}
