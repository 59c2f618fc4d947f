using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VisionTracker.Application.Common;
using VisionTracker.Application.Reporting;
using VisionTracker.Infrastructure.DataProtection;
using VisionTracker.Infrastructure.Email;
using VisionTracker.Infrastructure.Jobs;
using VisionTracker.Infrastructure.Operations;
using VisionTracker.Infrastructure.Persistence;
using VisionTracker.Infrastructure.Persistence.Interceptors;
using VisionTracker.Infrastructure.Persistence.Reporting;
using VisionTracker.Infrastructure.Seeding;

namespace VisionTracker.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.Configure<SeedOptions>(configuration.GetSection(SeedOptions.Section));
        services.Configure<BootstrapOptions>(configuration.GetSection(BootstrapOptions.Section));
        services.AddScoped<AuditInterceptor>();
        services.AddScoped<FigureChangeInterceptor>();
        services.AddScoped<ReadLimits>();
        if (options.IsPostgres)
        {
            services.AddDbContext<PostgresVisionTrackerDbContext>((sp, o) => o
                .UseNpgsql(options.ConnectionString, n => n.CommandTimeout(options.CommandTimeoutSeconds))
                .AddInterceptors(
                    sp.GetRequiredService<AuditInterceptor>(),
                    sp.GetRequiredService<FigureChangeInterceptor>(),
                    new ReadLimitInterceptor(sp.GetRequiredService<ReadLimits>())));
            services.AddScoped<VisionTrackerDbContext>(sp => sp.GetRequiredService<PostgresVisionTrackerDbContext>());
            services.AddSingleton(sp => new PostgresWriter(
                options.ConnectionString, sp.GetRequiredService<ILogger<PostgresWriter>>(), new BatchFigures(sp.GetRequiredService<IServiceScopeFactory>())));
            services.AddScoped<IUnitOfWork, PostgresUnitOfWork>();
            services.AddDbContext<ReportingDbContext>((sp, o) => o
                .UseNpgsql(options.ConnectionString, n => n.CommandTimeout(options.CommandTimeoutSeconds))
                .AddInterceptors(new ReadLimitInterceptor(sp.GetRequiredService<ReadLimits>())));
        }
        else if (string.Equals(options.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = PrepareSqlite(options.ConnectionString);
            services.AddDbContext<SqliteVisionTrackerDbContext>((sp, o) => o
                .UseSqlite(connectionString, s => s.CommandTimeout(options.CommandTimeoutSeconds))
                .AddInterceptors(
                    sp.GetRequiredService<AuditInterceptor>(),
                    sp.GetRequiredService<FigureChangeInterceptor>(),
                    new SqlitePragmaInterceptor(options.BusyTimeoutMs),
                    new ReadLimitInterceptor(sp.GetRequiredService<ReadLimits>())));
            services.AddScoped<VisionTrackerDbContext>(sp => sp.GetRequiredService<SqliteVisionTrackerDbContext>());
            services.AddSingleton(sp => new SqliteWriter(
                connectionString, options.BusyTimeoutMs, sp.GetRequiredService<ILogger<SqliteWriter>>(), new BatchFigures(sp.GetRequiredService<IServiceScopeFactory>())));
            services.AddScoped<IUnitOfWork, SqliteUnitOfWork>();
            // A page inside a paged expanded collection needs SQL APPLY in one statement, which SQLite lacks; as
            // separate statements (one per expanded collection) it is a window function SQLite has.
            services.AddDbContext<ReportingDbContext>((sp, o) => o
                .UseSqlite(connectionString, s => s.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery).CommandTimeout(options.CommandTimeoutSeconds))
                .AddInterceptors(new SqlitePragmaInterceptor(options.BusyTimeoutMs), new ReadLimitInterceptor(sp.GetRequiredService<ReadLimits>())));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported; use 'Sqlite' or 'Postgres'.");
        }

        services.AddScoped<IVisionTrackerDbContext>(sp => sp.GetRequiredService<VisionTrackerDbContext>());
        services.AddScoped<IReportingData>(sp => sp.GetRequiredService<ReportingDbContext>());
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<PostgresCopy>();
        services.AddHealthChecks().AddDbContextCheck<VisionTrackerDbContext>("database", tags: ["ready"]);
        services.AddJobs(configuration, options);
        services.AddSharedKeyRing(configuration);

        services.AddNotifications(configuration);
        return services;
    }

    /// <summary>Makes sure the folder of a file database exists, so a fresh checkout starts without a manual step.</summary>
    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var file = builder.DataSource;
        if (!string.IsNullOrEmpty(file) && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        return builder.ToString();
    }
}
