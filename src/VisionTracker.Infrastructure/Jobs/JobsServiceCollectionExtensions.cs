using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VisionTracker.Infrastructure.Operations;
using VisionTracker.Infrastructure.Persistence;

namespace VisionTracker.Infrastructure.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire with its storage, job activator and (unless <c>Jobs:Server:Enabled=false</c>) a processing server,
    /// all registered in this container rather than in Hangfire's process-wide statics, plus the recurring jobs.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        var section = configuration.GetSection(JobOptions.Section);
        var options = section.Get<JobOptions>() ?? new JobOptions();
        services.Configure<JobOptions>(section);

        // Registered before AddHangfire so that its fall-backs to JobStorage.Current and JobActivator.Current never apply.
        services.AddSingleton<JobStorage>(_ => CreateStorage(options, database));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, h) => h
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        if (options.Server.Enabled)
        {
            services.AddHangfireServer((_, server) =>
            {
                server.WorkerCount = Math.Max(1, options.Server.WorkerCount);
                server.SchedulePollingInterval = options.Server.PollInterval;
            });
        }

        services.AddTransient<RecurringJobRunner>();
        services.AddSingleton<JobRunLock>();
        services.AddSingleton<JobStorageSchema>();
        services.AddSingleton<RecurringJobRegistrar>();
        services.AddScoped<IRecurringJob, FiguresNightlyJob>();
        services.Configure<BackupOptions>(configuration.GetSection(BackupOptions.Section));
        services.AddScoped<SqliteBackup>();
        if (!database.IsPostgres)
        {
            services.AddScoped<IRecurringJob, SqliteBackupJob>();
        }
        return services;
    }

    internal static string StorageKind(JobOptions options, DatabaseOptions database) =>
        string.IsNullOrWhiteSpace(options.Storage) ? database.Provider : options.Storage.Trim();

    private static JobStorage CreateStorage(JobOptions options, DatabaseOptions database)
    {
        var kind = StorageKind(options, database);
        if (string.Equals(kind, "InMemory", StringComparison.OrdinalIgnoreCase))
        {
            return new InMemoryStorage(new InMemoryStorageOptions());
        }

        if (string.Equals(kind, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (!database.IsPostgres)
            {
                throw new InvalidOperationException("Jobs:Storage 'Postgres' keeps Hangfire in the application's PostgreSQL database; set Database:Provider to Postgres too.");
            }

            return new PostgreSqlStorage(
                new NpgsqlConnectionFactory(database.ConnectionString, new PostgreSqlStorageOptions()),
                new PostgreSqlStorageOptions { SchemaName = options.PostgresSchema, QueuePollInterval = options.Server.PollInterval, PrepareSchemaIfNecessary = false });
        }

        if (string.Equals(kind, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var path = Path.GetFullPath(string.IsNullOrWhiteSpace(options.SqlitePath) ? DefaultSqlitePath(database) : options.SqlitePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new SQLiteStorage(path, new SQLiteStorageOptions { QueuePollInterval = options.Server.PollInterval });
        }

        throw new InvalidOperationException($"Jobs:Storage '{options.Storage}' is not supported; use 'Sqlite', 'Postgres' or 'InMemory' (or leave it empty to follow Database:Provider).");
    }

    /// <summary>Hangfire's own file next to the application's database: data/visiontracker.db → data/visiontracker.hangfire.db.</summary>
    private static string DefaultSqlitePath(DatabaseOptions database)
    {
        var file = database.IsPostgres ? null : new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return Path.Combine("data", "hangfire.db");
        }

        return Path.Combine(Path.GetDirectoryName(file) ?? "", Path.GetFileNameWithoutExtension(file) + ".hangfire.db");
    }
}
