using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Audit;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Notifications;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;
using VisionTracker.Domain.Reflections;

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
    DbSet<ReflectionAnswer> ReflectionAnswers { get; }
    DbSet<Collaboration> Collaborations { get; }
    DbSet<LeadershipFoundation> LeadershipFoundations { get; }
    DbSet<PeriodFigure> PeriodFigures { get; }
    DbSet<ProgressSnapshot> ProgressSnapshots { get; }
    DbSet<Notification> Notifications { get; }
    DbSet<AuditEntry> AuditEntries { get; }

    DatabaseFacade Database { get; }
    ChangeTracker ChangeTracker { get; }
    IModel Model { get; }

    /// <summary>
    /// Makes commands that change the same goal trees (a goal, its ancestors and descendants, their key results and
    /// actions) wait for each other, until the transaction ends; call it before loading what the command changes, with
    /// every goal, key result and action the command will touch, so no command holds one tree while it waits for another (ids that
    /// do not exist are passed over). On PostgreSQL a
    /// transaction-scoped lock per tree root, taken in one order; on SQLite, where one command writes at a time, nothing.
    /// </summary>
    Task LockGoalTreesAsync(GoalTrees trees, CancellationToken cancellationToken);

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

/// <summary>The goal trees of these goals, key results and actions.</summary>
public sealed record GoalTrees(IReadOnlyCollection<Guid>? Goals = null, IReadOnlyCollection<Guid>? KeyResults = null, IReadOnlyCollection<Guid>? Actions = null);
