using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;
using VisionTracker.Infrastructure.Persistence;

namespace VisionTracker.Infrastructure.Jobs;

/// <summary>
/// Creates or upgrades Hangfire's tables when it keeps them in the application's PostgreSQL database. Part of the
/// migration step, under the start-up lock: Hangfire.PostgreSql's own installer takes no lock, so two instances
/// installing at once collide, and the storage is therefore built with <c>PrepareSchemaIfNecessary = false</c>.
/// </summary>
/// <remarks>
/// Takes <see cref="IGlobalConfiguration"/> only to have it built first: that points Hangfire's process-wide log
/// provider at this host's loggers before the installer's static constructor captures one.
/// </remarks>
public sealed class JobStorageSchema(IGlobalConfiguration hangfire, IOptions<JobOptions> options, IOptions<DatabaseOptions> database)
{
    public Task InstallAsync(CancellationToken ct) => InstallAsync(database.Value, options.Value, ct);

    /// <summary>Installs into another PostgreSQL database than the service's own (the target of a copy).</summary>
    public Task InstallIntoAsync(DatabaseOptions target, CancellationToken ct) =>
        InstallAsync(target, new JobOptions { Storage = "Postgres", PostgresSchema = options.Value.PostgresSchema }, ct);

    private async Task InstallAsync(DatabaseOptions target, JobOptions jobs, CancellationToken ct)
    {
        _ = hangfire;
        if (!target.IsPostgres || !string.Equals(JobsServiceCollectionExtensions.StorageKind(jobs, target), "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(ct);
        PostgreSqlObjectsInstaller.Install(connection, jobs.PostgresSchema);
    }
}
