using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace VisionTracker.Bench;

/// <summary>
/// The real API, started in this process on Kestrel at a free loopback port, over a fresh database of its own (a
/// SQLite file, or a new database on a PostgreSQL server), migrated with the real migrations at start-up.
/// </summary>
public sealed class BenchHost : WebApplicationFactory<Program>
{
    public const string AdminToken = "vt_bench_bootstrap_admin_token";

    private static readonly string[] SqliteFiles = ["", "-wal"];
    private static readonly string[] SqliteAllFiles = ["", "-wal", "-shm"];

    private readonly BenchOptions options;
    private readonly bool seedDemoData;
    private readonly string databaseName;

    public BenchHost(BenchOptions options, string dataSet, bool seedDemoData)
    {
        this.options = options;
        this.seedDemoData = seedDemoData;
        databaseName = $"vt_bench_{dataSet}_{DateTime.UtcNow:yyyyMMddHHmmss}";
        UseKestrel(0);

        // The API's content root: its project folder, found from the repository root above this program.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "VisionTracker.sln")))
        {
            root = root.Parent;
        }

        if (root is not null)
        {
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_VISIONTRACKER_API", Path.Combine(root.FullName, "src", "VisionTracker.Api"));
        }
    }

    /// <summary>A SQLite file path, or the PostgreSQL database name.</summary>
    public string Database => options.IsPostgres ? databaseName : Path.Combine(options.WorkFolder, databaseName + ".db");

    public HttpClient Admin { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        Admin = CreateClient();
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        Admin.Timeout = TimeSpan.FromMinutes(10);
    }

    /// <summary>Bytes the database takes on disk (SQLite: file plus write-ahead log; PostgreSQL: pg_database_size).</summary>
    public async Task<long> DatabaseSizeAsync()
    {
        if (!options.IsPostgres)
        {
            return SqliteFiles.Select(s => new FileInfo(Database + s)).Where(f => f.Exists).Sum(f => f.Length);
        }

        await using var connection = new NpgsqlConnection(options.PostgresConnectionString);
        await connection.OpenAsync();
        await using var size = new NpgsqlCommand($"SELECT pg_database_size('{databaseName}')", connection);
        return (long)(await size.ExecuteScalarAsync())!;
    }

    public async Task DropDatabaseAsync()
    {
        if (options.IsPostgres)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(options.PostgresConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in SqliteAllFiles)
        {
            File.Delete(Database + suffix);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        if (options.IsPostgres)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("Database:ConnectionString", new NpgsqlConnectionStringBuilder(options.PostgresConnectionString) { Database = databaseName }.ConnectionString);
        }
        else
        {
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:ConnectionString", $"Data Source={Database}");
        }

        builder.UseSetting("Seed:DemoData", seedDemoData ? "true" : "false");
        builder.UseSetting("Auth:BootstrapAdminToken", AdminToken);
        builder.UseSetting("Logging:LogLevel:Default", "Error");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Error");
    }
}
