using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using VisionTracker.Domain.Organisation;
using VisionTracker.Infrastructure.Persistence;

namespace VisionTracker.IntegrationTests.Support;

/// <summary>
/// The real service over a real database of its own, with a fake clock: a SQLite file, or, when VT_TEST_POSTGRES holds a
/// server's connection string, a fresh PostgreSQL database on it. The database starts as a copy of one that a host with
/// the same start-up settings migrated (and seeded) earlier in the run (<see cref="DatabaseTemplates"/>); the host's own
/// start-up then runs on it as on a restart. Tests arrange people and tokens straight in the database and then act only
/// through HTTP.
/// </summary>
public sealed class VisionTrackerFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The bootstrap admin's personal token (as an operator makes one after the first start); it retires the bootstrap token.</summary>
    public const string AdminToken = "vt_test_admin_personal_token";

    public const string BootstrapToken = "vt_test_bootstrap_admin_token";

    private static readonly string? PostgresServer = Environment.GetEnvironmentVariable("VT_TEST_POSTGRES");

    private readonly string databaseName;

    /// <summary>A host that makes a template: it keeps its database when disposed, and starts on an empty one.</summary>
    private readonly bool makesTemplate;

    public VisionTrackerFactory()
        : this($"visiontracker_test_{Guid.NewGuid():N}", makesTemplate: false)
    {
    }

    private VisionTrackerFactory(string databaseName, bool makesTemplate)
    {
        this.databaseName = databaseName;
        this.makesTemplate = makesTemplate;
    }

    private string DatabasePath => Path.Combine(Path.GetTempPath(), databaseName + ".db");

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 3, 15, 9, 0, 0, TimeSpan.Zero));

    public bool SeedDemoData { get; init; }

    /// <summary>
    /// Configuration for this host; by default no Hangfire server and in-memory job storage (dozens of hosts run at once),
    /// the test client's own address as the public one, and rate limits raised out of the way (every test request comes
    /// from the same address; the limits have their own tests).
    /// </summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Jobs:Storage"] = "InMemory",
        ["Jobs:Server:Enabled"] = "false",
        ["App:PublicBaseUrl"] = "http://localhost",
        ["RateLimits:PerTokenPerMinute"] = "1000000",
        ["RateLimits:PerAddressPerMinute"] = "1000000",
        ["RateLimits:WritesPerPersonPerMinute"] = "1000000",
        ["RateLimits:FailedAuthenticationsPerAddress"] = "1000000",
    };

    /// <summary>What the host logs, when <see cref="CaptureLogs"/> is set.</summary>
    public CapturedLogs Logs { get; } = new();

    public bool CaptureLogs { get; init; }

    /// <summary>Services a test adds on top of the service's own (an exporter to read telemetry from, …).</summary>
    public Action<IServiceCollection>? ExtraServices { get; init; }

    public Guid RootUnitId { get; private set; }

    public HttpClient Admin { get; private set; } = null!;

    /// <summary>False keeps the first start's state: the bootstrap admin has only the bootstrap token, and <see cref="Admin"/> sends it.</summary>
    public bool AdminHasPersonalToken { get; init; } = true;

    public async Task InitializeAsync()
    {
        await CopyTemplateAsync();
        Admin = ClientWithToken(AdminHasPersonalToken ? AdminToken : BootstrapToken);
        RootUnitId = await WithDbAsync(db => db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).SingleAsync());
        if (AdminHasPersonalToken)
        {
            await WithDbAsync(async db =>
            {
                var hash = ApiToken.HashOf(AdminToken);
                if (await db.ApiTokens.AnyAsync(t => t.Hash == hash))
                {
                    return 0; // a database restored from another test host already has it
                }

                var adminId = await db.ApiTokens.Where(t => t.Name == ApiToken.BootstrapName).Select(t => t.PersonId).FirstAsync();
                db.ApiTokens.Add(new ApiToken { PersonId = adminId, Name = "admin", Hash = hash, CreatedAt = Clock.GetUtcNow().UtcDateTime });
                return await db.SaveChangesAsync();
            });
        }
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (makesTemplate)
        {
            return;
        }

        if (PostgresServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            return;
        }

        foreach (var suffix in new[] { "", "-wal", "-shm", ".startup-lock" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }

    /// <summary>
    /// What decides the database a host's start-up leaves behind (seed, clock, settings), or null for a host that must
    /// make its own: one that points at a database of its own choosing or changes the service's services.
    /// </summary>
    private string? TemplateKey()
    {
        if (makesTemplate || ExtraServices is not null || Settings.Keys.Any(k => k.StartsWith("Database:", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var settings = Settings.Where(s => !DatabaseTemplates.IgnoredSettings.Any(p => s.Key.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => $"{s.Key}={s.Value}");
        return string.Join("|", [$"demo={SeedDemoData}", $"clock={Clock.GetUtcNow():O}", .. settings]);
    }

    private async Task CopyTemplateAsync()
    {
        if (TemplateKey() is not { } key)
        {
            return;
        }

        var template = await DatabaseTemplates.GetAsync(key, PostgresServer, async name =>
        {
            var maker = new VisionTrackerFactory(name, makesTemplate: true) { SeedDemoData = SeedDemoData };
            maker.Clock.SetUtcNow(Clock.GetUtcNow());
            foreach (var (setting, value) in Settings)
            {
                maker.Settings[setting] = value;
            }

            try
            {
                // Building the host runs the start-up: migrations, the demo seed, the bootstrap admin, the key ring's key.
                _ = maker.Services;
            }
            finally
            {
                await maker.DisposeAsync();
            }

            return maker.DatabasePath;
        });
        await DatabaseTemplates.CopyAsync(template, PostgresServer, databaseName, DatabasePath);
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<VisionTrackerDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<VisionTrackerDbContext>());
    }

    public async Task<OrgUnit> CreateUnitAsync(string name, Guid? parentId = null, OrgUnitKind kind = OrgUnitKind.Department) =>
        await WithDbAsync(async db =>
        {
            var parent = await db.OrgUnits.SingleAsync(u => u.Id == (parentId ?? RootUnitId));
            var unit = OrgUnit.Create($"U{Guid.NewGuid():N}"[..12], name, kind, parent);
            db.OrgUnits.Add(unit);
            await db.SaveChangesAsync();
            return unit;
        });

    /// <summary>A person with one role over a unit's subtree and a fresh token; returns a client that sends it.</summary>
    public async Task<TestPerson> CreatePersonAsync(string name, Guid unitId, Role role, string culture = "da")
    {
        var secret = ApiToken.NewSecret();
        var person = await WithDbAsync(async db =>
        {
            var p = new Person { Name = name, Email = $"{Guid.NewGuid():N}@test.aarhus.dk", HomeUnitId = unitId, Culture = culture };
            p.RoleAssignments.Add(new RoleAssignment { OrgUnitId = unitId, Role = role, CreatedAt = Clock.GetUtcNow().UtcDateTime });
            db.People.Add(p);
            db.ApiTokens.Add(new ApiToken { PersonId = p.Id, Name = "test", Hash = ApiToken.HashOf(secret), CreatedAt = Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
            return p;
        });
        return new TestPerson(person.Id, secret, ClientWithToken(secret));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        if (PostgresServer is not null)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("Database:ConnectionString", new NpgsqlConnectionStringBuilder(PostgresServer) { Database = databaseName }.ConnectionString);
        }
        else
        {
            builder.UseSetting("Database:ConnectionString", $"Data Source={DatabasePath}");
        }

        builder.UseSetting("Seed:DemoData", SeedDemoData ? "true" : "false");
        builder.UseSetting("Auth:BootstrapAdminToken", BootstrapToken);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            ExtraServices?.Invoke(services);
        });
        if (CaptureLogs)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }
}

public sealed record TestPerson(Guid Id, string Token, HttpClient Client);
