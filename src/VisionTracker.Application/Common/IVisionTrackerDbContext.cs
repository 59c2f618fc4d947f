using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Audit;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Notifications;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Common;

public interface IVisionTrackerDbContext
{
    DbSet<Vision> Visions { get; }
    DbSet<Theme> Themes { get; }
    DbSet<OrgUnit> OrgUnits { get; }
    DbSet<Person> People { get; }
    DbSet<RoleAssignment> RoleAssignments { get; }
    DbSet<ApiToken> ApiTokens { get; }
    DbSet<Period> Periods { get; }
    DbSet<Goal> Goals { get; }
    DbSet<GoalTheme> GoalThemes { get; }
    DbSet<AlignmentReview> AlignmentReviews { get; }
    DbSet<KeyResult> KeyResults { get; }
    DbSet<Milestone> Milestones { get; }
    DbSet<LeaderAction> Actions { get; }
    DbSet<CheckIn> CheckIns { get; }
    DbSet<Collaboration> Collaborations { get; }
    DbSet<LeadershipFoundation> LeadershipFoundations { get; }
    DbSet<PeriodFigure> PeriodFigures { get; }
    DbSet<ProgressSnapshot> ProgressSnapshots { get; }
    DbSet<Notification> Notifications { get; }
    DbSet<AuditEntry> AuditEntries { get; }

    DatabaseFacade Database { get; }
    ChangeTracker ChangeTracker { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
