namespace VisionTracker.Infrastructure.Jobs;

/// <summary>The <c>Jobs</c> section: where Hangfire keeps its state, whether this instance runs jobs, and the schedules.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>"Sqlite", "Postgres" or "InMemory"; empty follows <c>Database:Provider</c>.</summary>
    public string? Storage { get; set; }

    /// <summary>Hangfire's own SQLite file; empty puts <c>hangfire.db</c> next to the application's database file.</summary>
    public string? SqlitePath { get; set; }

    /// <summary>The PostgreSQL schema Hangfire creates its tables in (in the application's database).</summary>
    public string PostgresSchema { get; set; } = "hangfire";

    public JobServerOptions Server { get; set; } = new();

    /// <summary>How long a run waits for another run of the same job (on any instance) to finish before it fails and is retried.</summary>
    public TimeSpan RunLockTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Registers every recurring job with a schedule that never comes (31 February): each stays in the dashboard and can
    /// be triggered there, but none runs by itself. For measurements and maintenance windows.
    /// </summary>
    public bool PauseSchedules { get; set; }

    /// <summary>Per recurring-job id: <c>Cron</c> (else the job's default) and <c>Enabled</c> (default true).</summary>
    public Dictionary<string, RecurringJobSettings> Recurring { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public RecurringJobSettings For(string jobId) => Recurring.GetValueOrDefault(jobId) ?? new RecurringJobSettings();
}

public sealed class JobServerOptions
{
    /// <summary>Whether this instance processes jobs; the schedules are registered either way.</summary>
    public bool Enabled { get; set; } = true;

    public int WorkerCount { get; set; } = 2;

    /// <summary>How often an idle worker looks for new jobs (SQLite and PostgreSQL storage).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}

public sealed class RecurringJobSettings
{
    public string? Cron { get; set; }

    public bool Enabled { get; set; } = true;
}
