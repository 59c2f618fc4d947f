using System.Linq.Expressions;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Domain.Figures;

/// <summary>
/// What counts in which figure, each rule written once as an expression: queries use the expression (EF Core turns it
/// into SQL), in-memory code calls its compiled form. Rules over plain values are applied to any shape with
/// <see cref="Rule.Over{T, TA, TResult}"/>, so the read models of the reports use the same rule as the entities.
/// </summary>
public static class FigureRules
{
    /// <summary>A goal counts in theme and unit figures while it is Active and not archived.</summary>
    public static readonly Expression<Func<GoalState, bool, bool>> GoalCounts = (state, isArchived) => state == GoalState.Active && !isArchived;

    /// <summary>A goal counts in its parent goal's roll-up unless it is archived or abandoned.</summary>
    public static readonly Expression<Func<GoalState, bool, bool>> GoalCountsInParent = (state, isArchived) => !isArchived && state != GoalState.Abandoned;

    /// <summary>A rejected alignment does not count: the goal does not serve that theme.</summary>
    public static readonly Expression<Func<AlignmentReviewState, bool>> AlignmentCounts = review => review != AlignmentReviewState.Rejected;

    /// <summary>A live action counts in the action figures; a cancelled one is gone from them.</summary>
    public static readonly Expression<Func<ActionState, bool>> ActionIsLive = state => state != ActionState.Cancelled;

    /// <summary>An open action still needs work (Planned, InProgress, Blocked): it can go stale, be due and have a status.</summary>
    public static readonly Expression<Func<ActionState, bool>> ActionIsOpen = state => state != ActionState.Done && state != ActionState.Cancelled;

    /// <summary>Stale: no check-in (or, without any, no life since creation) before the cutoff (now − the stale limit).</summary>
    public static readonly Expression<Func<DateTime?, DateTime, DateTime, bool>> StaleBefore =
        (lastCheckInAt, createdAt, cutoff) => (lastCheckInAt ?? createdAt) < cutoff;

    /// <summary>Every kind of collaboration crosses a boundary, but a cross-unit one with one's own unit does not.</summary>
    public static readonly Expression<Func<CollaborationKind, Guid?, Guid, bool>> CrossesBoundary =
        (kind, partnerUnitId, ownUnitId) => kind != CollaborationKind.CrossUnit || partnerUnitId != ownUnitId;

    /// <summary>Figures have a status only while the period runs.</summary>
    public static readonly Expression<Func<PeriodState, bool>> PeriodRuns = state => state == PeriodState.Active;

    public static readonly Func<GoalState, bool, bool> GoalCountsCompiled = GoalCounts.Compile();
    public static readonly Func<GoalState, bool, bool> GoalCountsInParentCompiled = GoalCountsInParent.Compile();
    public static readonly Func<AlignmentReviewState, bool> AlignmentCountsCompiled = AlignmentCounts.Compile();
    public static readonly Func<ActionState, bool> ActionIsLiveCompiled = ActionIsLive.Compile();
    public static readonly Func<ActionState, bool> ActionIsOpenCompiled = ActionIsOpen.Compile();
    public static readonly Func<DateTime?, DateTime, DateTime, bool> StaleBeforeCompiled = StaleBefore.Compile();
    public static readonly Func<CollaborationKind, Guid?, Guid, bool> CrossesBoundaryCompiled = CrossesBoundary.Compile();
    public static readonly Func<PeriodState, bool> PeriodRunsCompiled = PeriodRuns.Compile();

    /// <summary>The goal rule over goals, for queries over the entity.</summary>
    public static Expression<Func<Goal, bool>> CountingGoal { get; } = GoalCounts.Over((Goal g) => g.State, g => g.IsArchived);

    public static Expression<Func<Goal, bool>> CountingInParent { get; } = GoalCountsInParent.Over((Goal g) => g.State, g => g.IsArchived);

    public static Expression<Func<GoalTheme, bool>> CountingAlignment { get; } = AlignmentCounts.Over((GoalTheme a) => a.ReviewState);

    public static Expression<Func<LeaderAction, bool>> LiveAction { get; } = ActionIsLive.Over((LeaderAction a) => a.State);

    public static Expression<Func<LeaderAction, bool>> OpenAction { get; } = ActionIsOpen.Over((LeaderAction a) => a.State);

    /// <summary>Key results stale at <paramref name="cutoff"/> (a query parameter, not a constant in the SQL).</summary>
    public static Expression<Func<T, bool>> Stale<T>(Expression<Func<T, DateTime?>> lastCheckInAt, Expression<Func<T, DateTime>> createdAt, DateTime cutoff) =>
        StaleBefore.Over(lastCheckInAt, createdAt, Rule.Parameter<T, DateTime>(cutoff));

    /// <summary>A goal or an action is running (and so has a status) when it is, and its period is, under way.</summary>
    public static bool GoalRuns(GoalState state, bool isArchived, PeriodState period) =>
        PeriodRunsCompiled(period) && state == GoalState.Active && !isArchived;

    public static bool ActionRuns(ActionState state, PeriodState period) => PeriodRunsCompiled(period) && ActionIsOpenCompiled(state);
}
