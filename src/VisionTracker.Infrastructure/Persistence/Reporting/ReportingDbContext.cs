using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VisionTracker.Application.Common;
using VisionTracker.Application.Reporting;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Figures;
using VisionTracker.Infrastructure.Persistence.Configurations;
using Role = VisionTracker.Domain.Organisation.Role;

namespace VisionTracker.Infrastructure.Persistence.Reporting;

/// <summary>
/// A second, read-only mapping of the same tables onto the OData read model. The caller's scope is a global query
/// filter on every unit-owned type, so it applies wherever EF Core reads that type: the set itself, an $expand, a
/// navigation inside $filter or $apply. Nothing is tracked and nothing can be saved.
/// </summary>
/// <remarks>
/// The filter compares the row's unit id with the ids of the units the caller may read (read once per request, then an
/// index lookup per row), rather than walking from each row to its unit's path. A caller who may read
/// the whole organisation (a grant on its root: the org tree has one root) gets a model without the scope filters, as
/// every row would pass them: the two models are cached side by side (<see cref="ScopeModelCacheKey"/>).
/// </remarks>
public sealed class ReportingDbContext : DbContext, IReportingData
{
    private const string PathColumn = "Path";
    private const string ScopeUnitColumn = "OrgUnitId";

    // Read by the query filters below; EF Core turns it into a parameter per query.
    private readonly List<string> _readablePaths;

    private readonly ReadLimits _limits;
    private List<Guid>? _readable;

    public ReportingDbContext(DbContextOptions<ReportingDbContext> options, ICurrentUser user, ReadLimits limits)
        : base(options)
    {
        _limits = limits;
        _readablePaths = user.Grants.Where(g => g.Role >= Role.Viewer).Select(g => g.UnitPath).Distinct().ToList();
        WholeOrganisation = _readablePaths.Any(p => p.Count(c => c == Domain.Organisation.OrgUnit.PathSeparator) == 2);
        ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        ChangeTracker.AutoDetectChangesEnabled = false;
    }

    public IQueryable<VisionRow> Visions => Set<VisionRow>();
    public IQueryable<ThemeRow> Themes => Set<ThemeRow>();
    public IQueryable<OrgUnitRow> OrgUnits => Set<OrgUnitRow>();
    public IQueryable<PersonRow> People => Set<PersonRow>();
    public IQueryable<PeriodRow> Periods => Set<PeriodRow>();
    public IQueryable<GoalRow> Goals => Set<GoalRow>();
    public IQueryable<GoalTagRow> GoalTags => Set<GoalTagRow>();
    public IQueryable<KeyResultRow> KeyResults => Set<KeyResultRow>();
    public IQueryable<ActionRow> Actions => Set<ActionRow>();
    public IQueryable<CheckInRow> CheckIns => Set<CheckInRow>();
    public IQueryable<CollaborationRow> Collaborations => Set<CollaborationRow>();
    public IQueryable<IncomingCollaborationRow> IncomingCollaborations => Set<IncomingCollaborationRow>();
    public IQueryable<ProgressSnapshotRow> ProgressSnapshots => Set<ProgressSnapshotRow>();
    public IQueryable<PeriodFigureRow> PeriodFigures => Set<PeriodFigureRow>();
    public IQueryable<CheckInStampRow> CheckInStamps => Set<CheckInStampRow>();

    public IQueryable<OrgUnitRow> ScopedUnits =>
        WholeOrganisation ? Set<OrgUnitRow>() : Set<OrgUnitRow>().Where(u => _readablePaths.Any(p => EF.Property<string>(u, PathColumn).StartsWith(p)));

    /// <summary>The caller may read every unit (a grant on the root).</summary>
    public bool WholeOrganisation { get; }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new InvalidOperationException("The reporting model is read-only.");

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("The reporting model is read-only.");

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder
            .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning))
            .ReplaceService<IModelCacheKeyFactory, ScopeModelCacheKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var b = modelBuilder;
        var sqlite = Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;
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

                    // Only alignments that count (FigureRules.AlignmentCounts): the navigation follows the figures.
                    j.HasQueryFilter(FigureRules.AlignmentCounts.OverName((Dictionary<string, object> a) => EF.Property<string>(a, "ReviewState")));
                });
        });

        b.Entity<OrgUnitRow>(e =>
        {
            e.ToSqlQuery(DepartmentQueries.OrgUnits(sqlite));
            e.Property<string>(PathColumn);
            e.HasOne(u => u.Parent).WithMany(u => u.Children).HasForeignKey(u => u.ParentId);
            e.HasOne(u => u.Department).WithMany().HasForeignKey(u => u.DepartmentId);
            e.HasMany(u => u.Goals).WithOne(g => g.OwnerUnit).HasForeignKey(g => g.OwnerUnitId);
        });

        b.Entity<PersonRow>(e =>
        {
            e.ToTable("People");
            e.HasOne(p => p.HomeUnit).WithMany().HasForeignKey(p => p.HomeUnitId);
            Scope(e, p => Readable.Contains(p.HomeUnitId));
        });

        b.Entity<PeriodRow>().ToTable("Periods");

        b.Entity<GoalRow>(e =>
        {
            e.ToSqlQuery(DepartmentQueries.Goals(sqlite));
            e.HasMany(g => g.Tags).WithOne().HasForeignKey(t => t.GoalId);

            // Computed per query from the clock (FeedStatusColumns), not read from the table.
            e.Ignore(g => g.ExpectedProgress);
            e.Ignore(g => g.Status);
            e.HasOne(g => g.Department).WithMany().HasForeignKey(g => g.DepartmentId);
            e.HasOne(g => g.Period).WithMany().HasForeignKey(g => g.PeriodId);
            e.HasOne(g => g.Owner).WithMany().HasForeignKey(g => g.OwnerId);
            e.HasOne(g => g.ParentGoal).WithMany().HasForeignKey(g => g.ParentGoalId);
            e.HasMany(g => g.KeyResults).WithOne(k => k.Goal).HasForeignKey(k => k.GoalId);
            e.HasMany(g => g.Actions).WithOne(a => a.Goal).HasForeignKey(a => a.GoalId);
            e.HasMany(g => g.Collaborations).WithOne(c => c.Goal).HasForeignKey(c => c.GoalId);
            Scope(e, g => Readable.Contains(g.OwnerUnitId));
        });

        b.Entity<GoalTagRow>(e =>
        {
            e.ToSqlQuery(DepartmentQueries.GoalTags(sqlite));
            e.HasKey(t => new { t.GoalId, t.Tag });
            Scope(e, t => Readable.Contains(t.OwnerUnitId));
        });

        b.Entity<KeyResultRow>(e =>
        {
            e.ToSqlQuery(DepartmentQueries.KeyResults(sqlite));
            e.Ignore(k => k.ExpectedProgress);
            e.Ignore(k => k.Status);
            e.Property<string>(FeedStatusColumns.GoalStateColumn);
            e.Property<bool>(FeedStatusColumns.GoalIsArchivedColumn);
            e.HasOne(k => k.Department).WithMany().HasForeignKey(k => k.DepartmentId);
            e.HasOne(k => k.Owner).WithMany().HasForeignKey(k => k.OwnerId);
            e.HasMany(k => k.Actions).WithOne(a => a.KeyResult).HasForeignKey(a => a.KeyResultId);
            e.HasMany(k => k.CheckIns).WithOne(c => c.KeyResult).HasForeignKey(c => c.KeyResultId);
            Scope(e, k => Readable.Contains(k.Goal!.OwnerUnitId));
        });

        b.Entity<ActionRow>(e =>
        {
            e.ToSqlQuery(DepartmentQueries.Actions(sqlite));
            e.HasOne(a => a.Department).WithMany().HasForeignKey(a => a.DepartmentId);
            e.HasOne(a => a.OrgUnit).WithMany().HasForeignKey(a => a.OrgUnitId);
            e.HasOne(a => a.Owner).WithMany().HasForeignKey(a => a.OwnerId);
            e.HasMany(a => a.CheckIns).WithOne(c => c.Action).HasForeignKey(c => c.ActionId);
            e.HasMany<CollaborationRow>().WithOne(c => c.Action).HasForeignKey(c => c.ActionId);
            Scope(e, a => Readable.Contains(a.OrgUnitId));
        });

        b.Entity<CheckInRow>(e =>
        {
            e.ToSqlQuery(DepartmentQueries.CheckIns(sqlite));
            e.HasOne(c => c.Department).WithMany().HasForeignKey(c => c.DepartmentId);
            e.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId);

            // The unit the check-in belongs to, stored on it (its key result's goal's or its action's): not in the feed.
            e.Property<Guid>(ScopeUnitColumn);
            Scope(e, c => Readable.Contains(EF.Property<Guid>(c, ScopeUnitColumn)));
        });

        b.Entity<CollaborationRow>(e =>
        {
            e.ToSqlQuery(DepartmentQueries.Collaborations);
            e.HasOne(c => c.PartnerUnit).WithMany().HasForeignKey(c => c.PartnerUnitId);
            Scope(e, c => (c.GoalId != null && Readable.Contains(c.Goal!.OwnerUnitId)) || (c.ActionId != null && Readable.Contains(c.Action!.OrgUnitId)));
        });

        // The partner's side: scoped by the partner unit, where Collaborations is scoped by the owner's.
        b.Entity<IncomingCollaborationRow>(e =>
        {
            e.ToSqlQuery(DepartmentQueries.IncomingCollaborations);
            e.HasOne(c => c.PartnerUnit).WithMany().HasForeignKey(c => c.PartnerUnitId);
            e.HasOne(c => c.PartnerGoal).WithMany().HasForeignKey(c => c.PartnerGoalId);
            e.HasOne(c => c.FromUnit).WithMany().HasForeignKey(c => c.FromUnitId);
            e.HasOne(c => c.FromGoal).WithMany().HasForeignKey(c => c.FromGoalId);
            e.HasOne(c => c.Period).WithMany().HasForeignKey(c => c.PeriodId);
            Scope(e, c => Readable.Contains(c.PartnerUnitId));
        });

        b.Entity<ProgressSnapshotRow>(e =>
        {
            e.ToTable("ProgressSnapshots");
            e.HasOne(s => s.Period).WithMany().HasForeignKey(s => s.PeriodId);
            e.HasOne(s => s.OrgUnit).WithMany().HasForeignKey(s => s.OrgUnitId);

            // Theme snapshots (no unit) are the organisation's, like the theme figures of the REST API.
            Scope(e, s => s.OrgUnitId == null || Readable.Contains(s.OrgUnitId.Value));
        });

        b.Entity<PeriodFigureRow>(e =>
        {
            e.ToTable("PeriodFigures");
            e.ComplexProperty(f => f.Figures, FigureColumns.Map);
        });

        b.Entity<CheckInStampRow>(e =>
        {
            e.ToTable("CheckIns");
            e.Property<Guid>(ScopeUnitColumn);
            Scope(e, c => Readable.Contains(EF.Property<Guid>(c, ScopeUnitColumn)));
        });
    }

    /// <summary>
    /// The ids of the units the caller may read (their grants' subtrees), read once per request: EF Core reads a query
    /// filter's list before each query that uses it, and a query with expanded collections uses it several times. It is
    /// the service's own bookkeeping, not part of the answer, so it does not count against the answer's row cap.
    /// </summary>
    private List<Guid> Readable => _readable ??= ReadableUnits();

    private List<Guid> ReadableUnits()
    {
        var cap = _limits.MaxRows;
        _limits.MaxRows = null;
        try
        {
            return Set<OrgUnitRow>().Where(u => _readablePaths.Any(p => EF.Property<string>(u, PathColumn).StartsWith(p))).Select(u => u.Id).ToList();
        }
        finally
        {
            _limits.MaxRows = cap;
        }
    }

    /// <summary>The scope filter of a unit-owned type, left out of the model for a caller who may read everything.</summary>
    private void Scope<T>(EntityTypeBuilder<T> entity, Expression<Func<T, bool>> filter)
        where T : class
    {
        if (!WholeOrganisation)
        {
            entity.HasQueryFilter(filter);
        }
    }

    /// <summary>One model per kind of caller: scoped, or the whole organisation (no scope filters).</summary>
    private sealed class ScopeModelCacheKey : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) =>
            (context.GetType(), context is ReportingDbContext { WholeOrganisation: true }, designTime);
    }
}
