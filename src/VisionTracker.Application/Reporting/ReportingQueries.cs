using VisionTracker.Application.Figures;
using VisionTracker.Domain.Figures;

namespace VisionTracker.Application.Reporting;

/// <summary>
/// The flat reporting sets of the OData feed, as queries OData composes over (so $filter, $orderby, $apply and
/// paging still run in the database). The figures are the stored ones the roll-up wrote (PeriodFigures, and for a
/// past day the ProgressSnapshots of the nightly job); nothing is recomputed here.
/// </summary>
public sealed class ReportingQueries(IReportingData data, FigureReader figures)
{
    public const string OrphanGoal = "OrphanGoal";
    public const string KeyResultWithoutAction = "KeyResultWithoutAction";
    public const string StaleKeyResult = "StaleKeyResult";

    private static readonly string ThemeKind = nameof(FigureSubject.Theme);
    private static readonly string UnitKind = nameof(FigureSubject.OrgUnit);

    /// <summary>Each theme's figures per period, organisation-wide (like the REST API's theme figures).</summary>
    public IQueryable<ThemeProgress> ThemeProgress() =>
        from f in data.PeriodFigures
        where f.SubjectKind == ThemeKind
        join t in data.Themes on f.SubjectId equals t.Id
        join p in data.Periods on f.PeriodId equals p.Id
        select new ThemeProgress
        {
            Id = f.Id,
            ThemeId = t.Id,
            ThemeTitle = t.Title,
            PeriodId = p.Id,
            PeriodName = p.Name,
            Progress = f.Progress,
            Confidence = f.Confidence,
            GoalCount = f.GoalCount,
            KeyResultCount = f.KeyResultCount,
            ActionCount = f.ActionCount,
            AlignedGoalCount = f.AlignedGoalCount,
            AlignedShare = f.GoalCount == 0 ? null : (double)f.AlignedGoalCount / f.GoalCount,
            KeyResultsWithActionCount = f.KeyResultsWithActionCount,
            OrphanGoalCount = f.OrphanGoalCount,
            CollaboratingGoalCount = f.CollaboratingGoalCount,
            CollaboratingShare = f.GoalCount == 0 ? null : (double)f.CollaboratingGoalCount / f.GoalCount,
            StaleKeyResultCount = data.ProgressSnapshots
                .Where(s => s.SubjectKind == ThemeKind && s.SubjectId == f.SubjectId && s.PeriodId == f.PeriodId)
                .OrderByDescending(s => s.Date).Select(s => (int?)s.StaleKeyResultCount).FirstOrDefault(),
            SnapshotDate = data.ProgressSnapshots
                .Where(s => s.SubjectKind == ThemeKind && s.SubjectId == f.SubjectId && s.PeriodId == f.PeriodId)
                .Max(s => (DateOnly?)s.Date),
            IsFinal = false,
        };

    /// <summary>Each readable org unit's figures (its whole subtree) per period.</summary>
    public IQueryable<UnitProgress> UnitProgress() =>
        from f in data.PeriodFigures
        where f.SubjectKind == UnitKind
        join u in data.ScopedUnits on f.SubjectId equals u.Id
        join p in data.Periods on f.PeriodId equals p.Id
        select new UnitProgress
        {
            Id = f.Id,
            UnitId = u.Id,
            UnitCode = u.Code,
            UnitName = u.Name,
            UnitKind = u.Kind,
            ParentUnitId = u.ParentId,
            PeriodId = p.Id,
            PeriodName = p.Name,
            Progress = f.Progress,
            Confidence = f.Confidence,
            GoalCount = f.GoalCount,
            KeyResultCount = f.KeyResultCount,
            ActionCount = f.ActionCount,
            AlignedGoalCount = f.AlignedGoalCount,
            AlignedShare = f.GoalCount == 0 ? null : (double)f.AlignedGoalCount / f.GoalCount,
            KeyResultsWithActionCount = f.KeyResultsWithActionCount,
            OrphanGoalCount = f.OrphanGoalCount,
            CollaboratingGoalCount = f.CollaboratingGoalCount,
            CollaboratingShare = f.GoalCount == 0 ? null : (double)f.CollaboratingGoalCount / f.GoalCount,
            StaleKeyResultCount = data.ProgressSnapshots
                .Where(s => s.SubjectKind == UnitKind && s.SubjectId == f.SubjectId && s.PeriodId == f.PeriodId)
                .OrderByDescending(s => s.Date).Select(s => (int?)s.StaleKeyResultCount).FirstOrDefault(),
            SnapshotDate = data.ProgressSnapshots
                .Where(s => s.SubjectKind == UnitKind && s.SubjectId == f.SubjectId && s.PeriodId == f.PeriodId)
                .Max(s => (DateOnly?)s.Date),
            IsFinal = false,
        };

    /// <summary>The theme figures as the last snapshot on or before <paramref name="date"/> recorded them.</summary>
    public IQueryable<ThemeProgress> ThemeProgressAsOf(DateOnly date) =>
        from s in SnapshotsAsOf(ThemeKind, date)
        join t in data.Themes on s.SubjectId equals t.Id
        join p in data.Periods on s.PeriodId equals p.Id
        select new ThemeProgress
        {
            Id = s.Id,
            ThemeId = t.Id,
            ThemeTitle = t.Title,
            PeriodId = p.Id,
            PeriodName = p.Name,
            Progress = s.Progress,
            Confidence = s.Confidence,
            GoalCount = s.GoalCount,
            KeyResultCount = s.KeyResultCount,
            ActionCount = s.ActionCount,
            AlignedGoalCount = s.AlignedGoalCount,
            AlignedShare = s.GoalCount == 0 ? null : (double)s.AlignedGoalCount / s.GoalCount,
            KeyResultsWithActionCount = s.KeyResultsWithActionCount,
            OrphanGoalCount = s.OrphanGoalCount,
            CollaboratingGoalCount = s.CollaboratingGoalCount,
            CollaboratingShare = s.GoalCount == 0 ? null : (double)s.CollaboratingGoalCount / s.GoalCount,
            StaleKeyResultCount = s.StaleKeyResultCount,
            SnapshotDate = s.Date,
            IsFinal = s.IsFinal,
        };

    /// <summary>The readable units' figures as the last snapshot on or before <paramref name="date"/> recorded them.</summary>
    public IQueryable<UnitProgress> UnitProgressAsOf(DateOnly date) =>
        from s in SnapshotsAsOf(UnitKind, date)
        join u in data.ScopedUnits on s.SubjectId equals u.Id
        join p in data.Periods on s.PeriodId equals p.Id
        select new UnitProgress
        {
            Id = s.Id,
            UnitId = u.Id,
            UnitCode = u.Code,
            UnitName = u.Name,
            UnitKind = u.Kind,
            ParentUnitId = u.ParentId,
            PeriodId = p.Id,
            PeriodName = p.Name,
            Progress = s.Progress,
            Confidence = s.Confidence,
            GoalCount = s.GoalCount,
            KeyResultCount = s.KeyResultCount,
            ActionCount = s.ActionCount,
            AlignedGoalCount = s.AlignedGoalCount,
            AlignedShare = s.GoalCount == 0 ? null : (double)s.AlignedGoalCount / s.GoalCount,
            KeyResultsWithActionCount = s.KeyResultsWithActionCount,
            OrphanGoalCount = s.OrphanGoalCount,
            CollaboratingGoalCount = s.CollaboratingGoalCount,
            CollaboratingShare = s.GoalCount == 0 ? null : (double)s.CollaboratingGoalCount / s.GoalCount,
            StaleKeyResultCount = s.StaleKeyResultCount,
            SnapshotDate = s.Date,
            IsFinal = s.IsFinal,
        };

    /// <summary>
    /// What needs a department head's eye, in the caller's units: active goals with neither theme nor parent goal,
    /// key results of active goals without a live action, and key results of active goals without a check-in for
    /// <see cref="FigureOptions.StaleAfterDays"/> days (the same rules as the roll-up's counts).
    /// </summary>
    public IQueryable<AlignmentGap> AlignmentGaps()
    {
        var cutoff = figures.Now.AddDays(-figures.StaleAfterDays);
        var active = nameof(Domain.Goals.GoalState.Active);
        var cancelled = nameof(Domain.Actions.ActionState.Cancelled);
        var keyResults = data.KeyResults.Where(k => k.Goal!.State == active && !k.Goal.IsArchived);

        var orphans = data.Goals
            .Where(g => g.State == active && !g.IsArchived && g.ParentGoalId == null && !g.Themes.Any())
            .Select(g => new AlignmentGap
            {
                Kind = OrphanGoal,
                SubjectId = g.Id,
                Title = g.Title,
                GoalId = g.Id,
                GoalTitle = g.Title,
                OrgUnitId = g.OwnerUnitId,
                OrgUnitName = g.OwnerUnit!.Name,
                PeriodId = g.PeriodId,
                OwnerId = g.OwnerId,
                OwnerName = data.People.Where(p => p.Id == g.OwnerId).Select(p => p.Name).FirstOrDefault(),
                LastCheckInAt = null,
            });

        var withoutAction = keyResults
            .Where(k => !k.Actions.Any(a => a.State != cancelled))
            .Select(k => new AlignmentGap
            {
                Kind = KeyResultWithoutAction,
                SubjectId = k.Id,
                Title = k.Title,
                GoalId = k.GoalId,
                GoalTitle = k.Goal!.Title,
                OrgUnitId = k.Goal.OwnerUnitId,
                OrgUnitName = k.Goal.OwnerUnit!.Name,
                PeriodId = k.PeriodId,
                OwnerId = k.OwnerId,
                OwnerName = data.People.Where(p => p.Id == k.OwnerId).Select(p => p.Name).FirstOrDefault(),
                LastCheckInAt = k.LastCheckInAt,
            });

        var stale = keyResults
            .Where(k => (k.LastCheckInAt ?? k.CreatedAt) < cutoff)
            .Select(k => new AlignmentGap
            {
                Kind = StaleKeyResult,
                SubjectId = k.Id,
                Title = k.Title,
                GoalId = k.GoalId,
                GoalTitle = k.Goal!.Title,
                OrgUnitId = k.Goal.OwnerUnitId,
                OrgUnitName = k.Goal.OwnerUnit!.Name,
                PeriodId = k.PeriodId,
                OwnerId = k.OwnerId,
                OwnerName = data.People.Where(p => p.Id == k.OwnerId).Select(p => p.Name).FirstOrDefault(),
                LastCheckInAt = k.LastCheckInAt,
            });

        return orphans.Concat(withoutAction).Concat(stale);
    }

    /// <summary>Per subject, the last snapshot of the day or before: the state "as of" that date is reproducible.</summary>
    private IQueryable<ProgressSnapshotRow> SnapshotsAsOf(string kind, DateOnly date) =>
        data.ProgressSnapshots.Where(s => s.SubjectKind == kind && s.Date <= date
            && s.Date == data.ProgressSnapshots
                .Where(x => x.SubjectKind == kind && x.SubjectId == s.SubjectId && x.PeriodId == s.PeriodId && x.Date <= date)
                .Max(x => x.Date));
}
