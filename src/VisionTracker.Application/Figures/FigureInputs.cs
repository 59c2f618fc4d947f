using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.CheckIns;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Figures;

/// <summary>A key result's stored inputs and figures, with its newest check-in by time (null values when it has none).</summary>
internal sealed record KeyResultInputs(
    Guid Id,
    Guid GoalId,
    MetricKind MetricKind,
    Direction Direction,
    double StartValue,
    double TargetValue,
    double CurrentValue,
    double Weight,
    double Progress,
    double? Confidence,
    DateTime? LastCheckInAt,
    int MilestonesDone,
    int MilestoneCount,
    DateTime? NewestAt,
    double? NewestValue,
    double? NewestConfidence)
{
    public KeyResultFigures Stored => new(CurrentValue, Progress, Confidence, LastCheckInAt);

    /// <summary>The current value, confidence and time of the newest check-in (when there is one), and the progress they give.</summary>
    public KeyResultFigures Computed
    {
        get
        {
            var current = NewestAt is null ? CurrentValue : NewestValue ?? CurrentValue;
            var progress = Rollup.KeyResultProgress(MetricKind, Direction, StartValue, TargetValue, current, MilestonesDone, MilestoneCount);
            return new KeyResultFigures(current, progress, NewestAt is null ? null : NewestConfidence, NewestAt);
        }
    }
}

internal readonly record struct KeyResultFigures(double CurrentValue, double Progress, double? Confidence, DateTime? LastCheckInAt);

/// <summary>An action's stored inputs and figures, with its newest check-in by time, and what its goal's figures need of it.</summary>
internal sealed record ActionInputs(
    Guid Id,
    Guid GoalId,
    Guid? KeyResultId,
    Guid OrgUnitId,
    ActionState State,
    double ReportedProgress,
    double? Progress,
    double? Confidence,
    DateTime? LastCheckInAt,
    DateTime? NewestAt,
    double? NewestProgress,
    double? NewestConfidence)
{
    public ActionFigures Stored => new(ReportedProgress, Progress, Confidence, LastCheckInAt);

    public GoalAction ForGoal => new(Id, GoalId, KeyResultId, State, OrgUnitId);

    public ActionFigures Computed
    {
        get
        {
            var reported = NewestAt is null ? ReportedProgress : NewestProgress ?? ReportedProgress;
            return new ActionFigures(reported, Rollup.ActionProgress(State, reported), NewestAt is null ? null : NewestConfidence, NewestAt);
        }
    }
}

internal readonly record struct ActionFigures(double ReportedProgress, double? Progress, double? Confidence, DateTime? LastCheckInAt);

/// <summary>
/// A goal as the roll-up keeps it: its own state and place, and its stored figures (progress, confidence, whether it
/// collaborates across a boundary, its share of its areas and the themes it counts for).
/// </summary>
internal sealed record GoalFigureState(
    Guid Id,
    Guid PeriodId,
    Guid? ParentGoalId,
    GoalState State,
    bool IsArchived,
    Guid OwnerUnitId,
    string UnitPath,
    double? Progress,
    double? Confidence,
    bool CrossesBoundary,
    GoalShare Share,
    List<Guid> ThemeIds)
{
    public bool CountsInParent => FigureRules.GoalCountsInParentCompiled(State, IsArchived);

    /// <summary>What the stored figures add to each area: nothing unless the goal counted.</summary>
    public AreaTotals Totals => AreaTotals.Of(Share, Progress, Confidence, CrossesBoundary);

    /// <summary>The areas the stored figures count in: every unit on the owner unit's path, and the themes it counts for.</summary>
    public IEnumerable<AreaKey> Areas => !Share.Counted
        ? []
        : UnitsOnPath(UnitPath).Select(u => new AreaKey(PeriodId, FigureSubject.OrgUnit, u))
            .Concat(ThemeIds.Select(t => new AreaKey(PeriodId, FigureSubject.Theme, t)));

    public bool SameFigures(GoalFigureState other) =>
        Same(Progress, other.Progress) && Same(Confidence, other.Confidence) && CrossesBoundary == other.CrossesBoundary
        && Share == other.Share && ThemeIds.Order().SequenceEqual(other.ThemeIds.Order());

    public static IEnumerable<Guid> UnitsOnPath(string path) =>
        path.Split(OrgUnit.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(s => Guid.ParseExact(s, "N"));

    public static bool Same(double? a, double? b) =>
        (a is null && b is null) || (a is { } x && b is { } y && Math.Abs(x - y) < FigureUpdater.Tolerance);
}

internal readonly record struct AreaKey(Guid PeriodId, FigureSubject Kind, Guid SubjectId);

internal sealed record GoalKeyResult(Guid GoalId, Guid Id, double Progress, double Weight, double? Confidence);

internal sealed record ChildGoal(Guid Id, Guid ParentGoalId, double? Progress, double? Confidence, GoalState State, bool IsArchived)
{
    public bool CountsInParent => FigureRules.GoalCountsInParentCompiled(State, IsArchived);
}

internal sealed record GoalAlignment(Guid GoalId, Guid ThemeId, AlignmentReviewState ReviewState);

internal sealed record GoalAction(Guid Id, Guid GoalId, Guid? KeyResultId, ActionState State, Guid OrgUnitId);

internal sealed record GoalCollaboration(Guid? GoalId, Guid? ActionId, CollaborationKind Kind, Guid? PartnerUnitId);

/// <summary>The queries that read figure inputs, shared by the incremental update and the full recomputation.</summary>
internal static class FigureInputQueries
{
    // The newest check-in is found once per subject (its id, from the (subject, At, Id) index) and joined by id: three
    // correlated subqueries, one per column, made the nightly run read the index three times per key result and action.
    public static IQueryable<KeyResultInputs> KeyResultInputs(this IVisionTrackerDbContext db, IQueryable<KeyResult> keyResults) =>
        keyResults
            .Select(k => new
            {
                KeyResult = k,
                Done = k.Milestones.Count(m => m.Done),
                Milestones = k.Milestones.Count,
                NewestId = db.CheckIns.Where(c => c.KeyResultId == k.Id).OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Select(c => (Guid?)c.Id).FirstOrDefault(),
            })
            .LeftJoin(db.CheckIns, x => x.NewestId, c => (Guid?)c.Id, (x, c) => new KeyResultInputs(
                x.KeyResult.Id, x.KeyResult.GoalId, x.KeyResult.MetricKind, x.KeyResult.Direction, x.KeyResult.StartValue, x.KeyResult.TargetValue,
                x.KeyResult.CurrentValue, x.KeyResult.Weight, x.KeyResult.Progress, x.KeyResult.Confidence, x.KeyResult.LastCheckInAt, x.Done, x.Milestones,
                c == null ? null : (DateTime?)c.At, c == null ? null : c.Value, c == null ? null : (double?)c.Confidence));

    /// <summary>
    /// Key results' inputs as of <paramref name="at"/>: their newest check-in by then (for a milestone key result its value
    /// is the number done) and how many check-ins they had by then; without one, the current value is the start value.
    /// </summary>
    public static IQueryable<KeyResultAt> KeyResultInputsAt(this IVisionTrackerDbContext db, IQueryable<KeyResult> keyResults, DateTime at) =>
        keyResults
            .Select(k => new
            {
                KeyResult = k,
                Milestones = k.Milestones.Count,
                CheckIns = db.CheckIns.Count(c => c.KeyResultId == k.Id && c.At <= at),
                NewestId = db.CheckIns.Where(c => c.KeyResultId == k.Id && c.At <= at).OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Select(c => (Guid?)c.Id).FirstOrDefault(),
            })
            .LeftJoin(db.CheckIns, x => x.NewestId, c => (Guid?)c.Id, (x, c) => new KeyResultAt(
                new KeyResultInputs(
                    x.KeyResult.Id, x.KeyResult.GoalId, x.KeyResult.MetricKind, x.KeyResult.Direction, x.KeyResult.StartValue, x.KeyResult.TargetValue,
                    x.KeyResult.StartValue, x.KeyResult.Weight, 0, null, null, c == null ? 0 : (int)(c.Value ?? 0), x.Milestones,
                    c == null ? null : (DateTime?)c.At, c == null ? null : c.Value, c == null ? null : (double?)c.Confidence),
                x.CheckIns));

    public static IQueryable<ActionInputs> ActionInputs(this IVisionTrackerDbContext db, IQueryable<LeaderAction> actions) =>
        actions
            .Select(a => new
            {
                Action = a,
                NewestId = db.CheckIns.Where(c => c.ActionId == a.Id).OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Select(c => (Guid?)c.Id).FirstOrDefault(),
            })
            .LeftJoin(db.CheckIns, x => x.NewestId, c => (Guid?)c.Id, (x, c) => new ActionInputs(
                x.Action.Id, x.Action.GoalId, x.Action.KeyResultId, x.Action.OrgUnitId, x.Action.State, x.Action.ReportedProgress, x.Action.Progress, x.Action.Confidence, x.Action.LastCheckInAt,
                c == null ? null : (DateTime?)c.At, c == null ? null : c.ActionProgress, c == null ? null : (double?)c.Confidence));

    public static IQueryable<GoalFigureState> GoalFigureStates(this IQueryable<Goal> goals) =>
        goals.Select(g => new GoalFigureState(
            g.Id, g.PeriodId, g.ParentGoalId, g.State, g.IsArchived, g.OwnerUnitId, g.OwnerUnit!.Path, g.Progress, g.Confidence,
            g.CrossesBoundary,
            // Field by field: projecting the complex property whole makes EF Core read the whole goal row (texts included).
            new GoalShare
            {
                Counted = g.Share.Counted,
                KeyResults = g.Share.KeyResults,
                Actions = g.Share.Actions,
                KeyResultsWithAction = g.Share.KeyResultsWithAction,
                Aligned = g.Share.Aligned,
                Orphan = g.Share.Orphan,
            },
            g.CountedThemeIds));

    public static IQueryable<GoalKeyResult> GoalKeyResults(this IQueryable<KeyResult> keyResults) =>
        keyResults.Select(k => new GoalKeyResult(k.GoalId, k.Id, k.Progress, k.Weight, k.Confidence));

    public static IQueryable<ChildGoal> ChildGoals(this IQueryable<Goal> goals) =>
        goals.Select(c => new ChildGoal(c.Id, c.ParentGoalId!.Value, c.Progress, c.Confidence, c.State, c.IsArchived));

    public static IQueryable<GoalAlignment> GoalAlignments(this IQueryable<GoalTheme> alignments) =>
        alignments.Select(a => new GoalAlignment(a.GoalId, a.ThemeId, a.ReviewState));

    public static IQueryable<GoalAction> GoalActions(this IQueryable<LeaderAction> actions) =>
        actions.Select(a => new GoalAction(a.Id, a.GoalId, a.KeyResultId, a.State, a.OrgUnitId));

    public static IQueryable<GoalCollaboration> GoalCollaborations(this IQueryable<Collaboration> collaborations) =>
        collaborations.Select(c => new GoalCollaboration(c.GoalId, c.ActionId, c.Kind, c.PartnerUnitId));
}
