using Microsoft.Extensions.Logging;
using VisionTracker.Infrastructure.Operations;

namespace VisionTracker.Infrastructure.Jobs;

/// <summary>
/// Nightly online backup of the SQLite database with retention (<c>Backup:*</c>); registered only when the database is
/// SQLite (PostgreSQL is backed up with pg_dump, outside the service). Safe to repeat: each run writes a new file.
/// </summary>
public sealed class SqliteBackupJob(SqliteBackup backup, ILogger<SqliteBackupJob> logger) : IRecurringJob
{
    public const string JobId = "backup-sqlite";

    public string Id => JobId;

    public string DefaultCron => "0 1 * * *";

    public Task RunAsync(CancellationToken cancellationToken) =>
        ReminderJobLog.RunAsync(logger, Id, () => backup.CreateScheduledAsync(cancellationToken));
}
