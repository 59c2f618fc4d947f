using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Organisation;
using VisionTracker.Infrastructure.Jobs;
using VisionTracker.Infrastructure.Seeding;

namespace VisionTracker.Infrastructure.Persistence;

public sealed class BootstrapOptions
{
    public const string Section = "Auth";

    /// <summary>Accepted as an admin's token on the first start with no admin; generated and logged once if unset.</summary>
    public string? BootstrapAdminToken { get; set; }

    public const int MinimumTokenLength = 16;

    /// <summary>The name the bootstrap admin's token goes by.</summary>
    public const string TokenName = ApiToken.BootstrapName;

    public string RootUnitName { get; set; } = "Aarhus Kommune";
}

/// <summary>
/// Brings the database to the current schema (with Hangfire's tables where they live in it), seeds demo data into an
/// empty one, makes sure an admin exists and that the shared Data Protection key ring has a key. All of it under the
/// <see cref="StartupLock"/>, so instances started at the same moment do each step once.
/// </summary>
public sealed class DatabaseInitializer(
    VisionTrackerDbContext db,
    DemoDataSeeder seeder,
    FigureCalculator figures,
    CommandContext command,
    TimeProvider clock,
    IDataProtectionProvider dataProtection,
    JobStorageSchema jobStorage,
    IOptions<DatabaseOptions> database,
    IOptions<SeedOptions> seed,
    IOptions<BootstrapOptions> bootstrap,
    ILogger<DatabaseInitializer> logger)
{
    /// <summary>Start-up: migrates when <c>Database:MigrateOnStartup</c> is on, else refuses a database that lacks migrations.</summary>
    public Task InitializeAsync(CancellationToken ct) => InitializeAsync(database.Value.MigrateOnStartup, ct);

    public async Task InitializeAsync(bool migrate, CancellationToken ct)
    {
        await using (await StartupLock.AcquireAsync(database.Value, logger, ct))
        {
            await (migrate ? MigrateAsync(ct) : EnsureMigratedAsync(ct));

            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
            }

            if (seed.Value.DemoData && !await db.OrgUnits.AnyAsync(ct))
            {
                command.Name = "System:SeedDemoData";
                var started = clock.GetTimestamp();
                await seeder.SeedAsync(ct);
                logger.LogInformation("Seeded the demo data (Fortællingen om Aarhus).");
                logger.LogInformation("Seeding the demo data took {SeedMilliseconds} ms.", (long)clock.GetElapsedTime(started).TotalMilliseconds);
            }

            await EnsureAdminAsync(ct);

            // The first protect creates the key ring's first key; under the lock, every instance then shares that one.
            dataProtection.CreateProtector("VisionTracker.Startup").Protect([1]);
        }
    }

    private async Task MigrateAsync(CancellationToken ct)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {MigrationCount} migrations: {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(ct);
            if (pending.Any(m => m.EndsWith(RecomputesFigures, StringComparison.Ordinal)))
            {
                await RecomputeFiguresAsync(ct);
            }
        }
        else
        {
            logger.LogInformation("The database schema is up to date; no migration to apply.");
        }

        await jobStorage.InstallAsync(ct);
    }

    private async Task EnsureMigratedAsync(CancellationToken ct)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database lacks {pending.Count} migrations ({string.Join(", ", pending)}) and Database:MigrateOnStartup is off: "
                + "run the migration step first (dotnet VisionTracker.Api.dll --migrate-only).");
        }
    }

    /// <summary>
    /// The migration that began keeping goals' shares of their areas (ADR 0006): after it, an existing database's figures
    /// are recomputed once, so that the updates that follow start from figures kept the new way.
    /// </summary>
    private const string RecomputesFigures = "_IncrementalFigures";

    private async Task RecomputeFiguresAsync(CancellationToken ct)
    {
        command.Name = "System:RecomputeFigures";
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var period in await db.Periods.AsNoTracking().Select(p => p.Id).ToListAsync(ct))
        {
            await figures.RecalculatePeriodAsync(period, ct);
        }

        await transaction.CommitAsync(ct);
    }

    private async Task EnsureAdminAsync(CancellationToken ct)
    {
        if (await db.RoleAssignments.AnyAsync(r => r.Role == Role.Admin, ct))
        {
            await RotateBootstrapTokenAsync(ct);
            return;
        }

        command.Name = "System:BootstrapAdmin";
        var root = await db.OrgUnits.Where(u => u.ParentId == null).OrderBy(u => u.CreatedAt).FirstOrDefaultAsync(ct);
        if (root is null)
        {
            root = OrgUnit.Create("ROOT", bootstrap.Value.RootUnitName, OrgUnitKind.Municipality, null);
            db.OrgUnits.Add(root);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var admin = new Person { Name = "Administrator", Email = "admin@visiontracker.local", JobTitle = "Bootstrap administrator", HomeUnitId = root.Id, Culture = "en" };
        admin.RoleAssignments.Add(new RoleAssignment { OrgUnitId = root.Id, Role = Role.Admin, CreatedAt = now });
        var configured = bootstrap.Value.BootstrapAdminToken;
        if (!string.IsNullOrWhiteSpace(configured) && configured.Trim().Length < BootstrapOptions.MinimumTokenLength)
        {
            throw new InvalidOperationException(
                $"Auth:BootstrapAdminToken is shorter than {BootstrapOptions.MinimumTokenLength} characters; choose a long random value or leave it empty to have one generated.");
        }

        var secret = string.IsNullOrWhiteSpace(configured) ? ApiToken.NewSecret() : configured.Trim();
        db.People.Add(admin);
        db.ApiTokens.Add(new ApiToken { PersonId = admin.Id, Name = BootstrapOptions.TokenName, Hash = ApiToken.HashOf(secret), CreatedAt = now });
        await db.SaveChangesAsync(ct);

        if (string.IsNullOrWhiteSpace(configured))
        {
            logger.LogWarning("No admin existed, so one was created. Its API token (shown only this once): {BootstrapAdminToken}", secret);
        }
        else
        {
            logger.LogInformation("No admin existed, so one was created with the token from Auth:BootstrapAdminToken.");
        }
    }

    /// <summary>
    /// A new Auth:BootstrapAdminToken replaces the bootstrap token still in force (the old value stops working), so a
    /// leaked value is rotated by configuration. Once the bootstrap token has been revoked, configuration never brings
    /// it back.
    /// </summary>
    private async Task RotateBootstrapTokenAsync(CancellationToken ct)
    {
        var configured = bootstrap.Value.BootstrapAdminToken?.Trim();
        if (string.IsNullOrEmpty(configured))
        {
            return;
        }

        var hash = ApiToken.HashOf(configured);
        var inForce = await db.ApiTokens.Where(t => t.Name == BootstrapOptions.TokenName && t.RevokedAt == null).ToListAsync(ct);
        if (inForce.Count == 0 || inForce.Any(t => t.Hash == hash))
        {
            return;
        }

        if (configured.Length < BootstrapOptions.MinimumTokenLength)
        {
            throw new InvalidOperationException(
                $"Auth:BootstrapAdminToken is shorter than {BootstrapOptions.MinimumTokenLength} characters; choose a long random value.");
        }

        command.Name = "System:RotateBootstrapToken";
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var token in inForce)
        {
            token.RevokedAt = now;
        }

        db.ApiTokens.Add(new ApiToken { PersonId = inForce[0].PersonId, Name = BootstrapOptions.TokenName, Hash = hash, CreatedAt = now });
        await db.SaveChangesAsync(ct);
        logger.LogWarning("Auth:BootstrapAdminToken has a new value: the previous bootstrap token was revoked and the new one is in force.");
    }
}
