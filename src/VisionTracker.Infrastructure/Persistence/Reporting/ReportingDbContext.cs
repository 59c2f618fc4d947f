using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using VisionTracker.Application.Reporting;
using VisionTracker.Application.Security;
using VisionTracker.Infrastructure.Persistence.Configurations;
using Role = VisionTracker.Domain.Organisation.Role;

namespace VisionTracker.Infrastructure.Persistence.Reporting;

/// <summary>
/// A second, read-only mapping of the same tables onto the OData read model. The caller's scope is a global query
/// filter on every unit-owned type, so it applies wherever EF Core reads that type: the set itself, an $expand, a
/// navigation inside $filter or $apply. Nothing is tracked and nothing can be saved.
/// </summary>
public sealed class ReportingDbContext : DbContext, IReportingData
{
    private const string PathColumn = "Path";

    // Read by the query filters below; EF Core turns it into a parameter per query.
    private readonly List<string> _readablePaths;

    public ReportingDbContext(DbContextOptions<ReportingDbContext> options, ICurrentUser user)
        : base(options)
    {
        _readablePaths = user.Grants.Where(g => g.Role >= Role.Viewer).Select(g => g.UnitPath).Distinct().ToList();
        ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        ChangeTracker.AutoDetectChangesEnabled = false;
    }

    public IQueryable<VisionRow> Visions => Set<VisionRow>();
    public IQueryable<ThemeRow> Themes => Set<ThemeRow>();
    public IQueryable<OrgUnitRow> OrgUnits => Set<OrgUnitRow>();
    public IQueryable<PersonRow> People => Set<PersonRow>();
    public IQueryable<PeriodRow> Periods => Set<PeriodRow>();
    public IQueryable<GoalRow> Goals => Set<GoalRow>();
    public IQueryable<KeyResultRow> KeyResults => Set<KeyResultRow>();
    public IQueryable<ActionRow> Actions => Set<ActionRow>();
    public IQueryable<CheckInRow> CheckIns => Set<CheckInRow>();
    public IQueryable<CollaborationRow> Collaborations => Set<CollaborationRow>();
    public IQueryable<ProgressSnapshotRow> ProgressSnapshots => Set<ProgressSnapshotRow>();
    public IQueryable<PeriodFigureRow> PeriodFigures => Set<PeriodFigureRow>();

    public IQueryable<OrgUnitRow> ScopedUnits =>
        Set<OrgUnitRow>().Where(u => _readablePaths.Any(p => EF.Property<string>(u, PathColumn).StartsWith(p)));

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new InvalidOperationException("The reporting model is read-only.");

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("The reporting model is read-only.");

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var b = modelBuilder;
        b.Entity<VisionRow>(e =>
        {
            e.ToTable("Visions");
            e.HasMany(v => v.Themes).WithOne(t => t.Vision).HasForeignKey(t => t.VisionId);
        });

        b.Entity<ThemeRow>(e =>
        {
            e.ToTable("Themes");
            e.HasMany(t => t.Goals).WithMany(g => g.Themes).UsingEntity<Dictionary<string, object>>(
                "GoalThemes",
                r => r.HasOne<GoalRow>().WithMany().HasForeignKey("GoalId"),
                l => l.HasOne<ThemeRow>().WithMany().HasForeignKey("ThemeId"),
                j =>
                {
                    j.Property<string>("ReviewState");
                    j.HasKey("GoalId", "ThemeId");

                    // A rejected alignment does not count (AreaMembership): the navigation follows the figures.
                    j.HasQueryFilter(a => EF.Property<string>(a, "ReviewState") != "Rejected");
                });
        });

        b.Entity<OrgUnitRow>(e =>
        {
            e.ToTable("OrgUnits");
            e.Property<string>(PathColumn);
            e.HasOne(u => u.Parent).WithMany(u => u.Children).HasForeignKey(u => u.ParentId);
            e.HasMany(u => u.Goals).WithOne(g => g.OwnerUnit).HasForeignKey(g => g.OwnerUnitId);
        });

        b.Entity<PersonRow>(e =>
        {
            e.ToTable("People");
            e.HasOne(p => p.HomeUnit).WithMany().HasForeignKey(p => p.HomeUnitId);
            e.HasQueryFilter(p => _readablePaths.Any(x => EF.Property<string>(p.HomeUnit!, PathColumn).StartsWith(x)));
        });

        b.Entity<PeriodRow>().ToTable("Periods");

        b.Entity<GoalRow>(e =>
        {
            e.ToTable("Goals");
            e.HasOne(g => g.Period).WithMany().HasForeignKey(g => g.PeriodId);
            e.HasOne(g => g.Owner).WithMany().HasForeignKey(g => g.OwnerId);
            e.HasOne(g => g.ParentGoal).WithMany().HasForeignKey(g => g.ParentGoalId);
            e.HasMany(g => g.KeyResults).WithOne(k => k.Goal).HasForeignKey(k => k.GoalId);
            e.HasMany(g => g.Actions).WithOne(a => a.Goal).HasForeignKey(a => a.GoalId);
            e.HasMany(g => g.Collaborations).WithOne(c => c.Goal).HasForeignKey(c => c.GoalId);
            e.HasQueryFilter(g => _readablePaths.Any(x => EF.Property<string>(g.OwnerUnit!, PathColumn).StartsWith(x)));
        });

        b.Entity<KeyResultRow>(e =>
        {
            e.ToTable("KeyResults");
            e.HasOne(k => k.Owner).WithMany().HasForeignKey(k => k.OwnerId);
            e.HasMany(k => k.Actions).WithOne(a => a.KeyResult).HasForeignKey(a => a.KeyResultId);
            e.HasMany(k => k.CheckIns).WithOne(c => c.KeyResult).HasForeignKey(c => c.KeyResultId);
            e.HasQueryFilter(k => _readablePaths.Any(x => EF.Property<string>(k.Goal!.OwnerUnit!, PathColumn).StartsWith(x)));
        });

        b.Entity<ActionRow>(e =>
        {
            e.ToTable("Actions");
            e.HasOne(a => a.OrgUnit).WithMany().HasForeignKey(a => a.OrgUnitId);
            e.HasOne(a => a.Owner).WithMany().HasForeignKey(a => a.OwnerId);
            e.HasMany(a => a.CheckIns).WithOne(c => c.Action).HasForeignKey(c => c.ActionId);
            e.HasMany<CollaborationRow>().WithOne(c => c.Action).HasForeignKey(c => c.ActionId);
            e.HasQueryFilter(a => _readablePaths.Any(x => EF.Property<string>(a.OrgUnit!, PathColumn).StartsWith(x)));
        });

        b.Entity<CheckInRow>(e =>
        {
            e.ToTable("CheckIns");
            e.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId);
            e.HasQueryFilter(c =>
                (c.KeyResultId != null && _readablePaths.Any(x => EF.Property<string>(c.KeyResult!.Goal!.OwnerUnit!, PathColumn).StartsWith(x)))
                || (c.ActionId != null && _readablePaths.Any(x => EF.Property<string>(c.Action!.OrgUnit!, PathColumn).StartsWith(x))));
        });

        b.Entity<CollaborationRow>(e =>
        {
            e.ToTable("Collaborations");
            e.HasOne(c => c.PartnerUnit).WithMany().HasForeignKey(c => c.PartnerUnitId);
            e.HasQueryFilter(c =>
                (c.GoalId != null && _readablePaths.Any(x => EF.Property<string>(c.Goal!.OwnerUnit!, PathColumn).StartsWith(x)))
                || (c.ActionId != null && _readablePaths.Any(x => EF.Property<string>(c.Action!.OrgUnit!, PathColumn).StartsWith(x))));
        });

        b.Entity<ProgressSnapshotRow>(e =>
        {
            e.ToTable("ProgressSnapshots");
            e.HasOne(s => s.Period).WithMany().HasForeignKey(s => s.PeriodId);
            e.HasOne(s => s.OrgUnit).WithMany().HasForeignKey(s => s.OrgUnitId);

            // Theme snapshots (no unit) are the organisation's, like the theme figures of the REST API.
            e.HasQueryFilter(s => s.OrgUnitId == null
                || _readablePaths.Any(x => EF.Property<string>(s.OrgUnit!, PathColumn).StartsWith(x)));
        });

        b.Entity<PeriodFigureRow>(e =>
        {
            e.ToTable("PeriodFigures");
            e.ComplexProperty(f => f.Figures, FigureColumns.Map);
        });
    }
}
