using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Audit;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Notifications;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;
using VisionTracker.Domain.Reflections;

namespace VisionTracker.Infrastructure.Persistence;

/// <summary>
/// The model, shared by every provider; each provider has a subclass of its own that owns its migrations. It also holds
/// ASP.NET Core's Data Protection key ring, so that every instance on one database reads the same keys.
/// </summary>
public abstract class VisionTrackerDbContext(DbContextOptions options) : DbContext(options), IVisionTrackerDbContext, IDataProtectionKeyContext
{
    public DbSet<Vision> Visions => Set<Vision>();
    public DbSet<Theme> Themes => Set<Theme>();
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Period> Periods => Set<Period>();
    public DbSet<Goal> Goals => Set<Goal>();
    public DbSet<GoalTheme> GoalThemes => Set<GoalTheme>();
    public DbSet<AlignmentReview> AlignmentReviews => Set<AlignmentReview>();
    public DbSet<KeyResult> KeyResults => Set<KeyResult>();
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<LeaderAction> Actions => Set<LeaderAction>();
    public DbSet<CheckIn> CheckIns => Set<CheckIn>();
    public DbSet<ReflectionAnswer> ReflectionAnswers => Set<ReflectionAnswer>();
    public DbSet<Collaboration> Collaborations => Set<Collaboration>();
    public DbSet<LeadershipFoundation> LeadershipFoundations => Set<LeadershipFoundation>();
    public DbSet<PeriodFigure> PeriodFigures => Set<PeriodFigure>();
    public DbSet<ProgressSnapshot> ProgressSnapshots => Set<ProgressSnapshot>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <inheritdoc />
    /// <remarks>SQLite needs no lock: its writer queue runs one command at a time.</remarks>
    public virtual Task LockGoalTreesAsync(GoalTrees trees, CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(VisionTrackerDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Timestamps are UTC everywhere; SQLite forgets the kind, so it is put back on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}

public sealed class SqliteVisionTrackerDbContext(DbContextOptions<SqliteVisionTrackerDbContext> options) : VisionTrackerDbContext(options);

public sealed class PostgresVisionTrackerDbContext(DbContextOptions<PostgresVisionTrackerDbContext> options) : VisionTrackerDbContext(options)
{
    public override Task LockGoalTreesAsync(GoalTrees trees, CancellationToken cancellationToken) => GoalTreeLocks.LockAsync(this, trees, cancellationToken);
}
