using System.Linq.Expressions;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Reporting;

/// <summary>
/// The flat reporting sets of the OData feed, as queries OData composes over (so $filter, $orderby, $apply and
/// paging still run in the database). The figures are the stored ones the roll-up wrote (PeriodFigures); nothing is
/// recomputed here. A past day's figures are <see cref="ReportingHistory"/>'s.
/// </summary>
public sealed class ReportingQueries(IReportingData data, FigureReader figures)
{
    public const string OrphanGoal = "OrphanGoal";
    public const string KeyResultWithoutAction = "KeyResultWithoutAction";
    public const string StaleKeyResult = "StaleKeyResult";

    private static readonly string ThemeKind = nameof(FigureSubject.Theme);
    private static readonly string UnitKind = nameof(FigureSubject.OrgUnit);

    /// <summary>Each theme's figures per period, organisation-wide (like the REST API's theme figures).</summary>
    public IQueryable<ThemeProgress> ThemeProgress() => Themes(Current(ThemeKind), figures.Now);

    /// <summary>Each readable org unit's figures (its whole subtree) per period.</summary>
    public IQueryable<UnitProgress> UnitProgress() => Units(Current(UnitKind), figures.Now);

    /// <summary>
    /// What needs a department head's eye, in the caller's units: active goals with neither theme nor parent goal,
    /// key results of active goals without a live action, and key results of active goals without a check-in for
    /// <see cref="FigureOptions.StaleAfterDays"/> days (the same rules as the roll-up's counts). Gaps of closed periods
    /// (read-only, nothing left to fix) only when <paramref name="closedPeriods"/> asks for them.
    /// </summary>
    public IQueryable<AlignmentGap> AlignmentGaps(bool closedPeriods = false)
    {
        var gaps = AllAlignmentGaps();
        return closedPeriods ? gaps : gaps.Where(g => g.PeriodState != Closed);
    }

    private static readonly string Closed = nameof(PeriodState.Closed);

    private IQueryable<AlignmentGap> AllAlignmentGaps()
    {
        var cutoff = Rollup.StaleCutoff(figures.Now, figures.StaleAfterDays);
        var liveAction = FigureRules.ActionIsLive.OverName((ActionRow a) => a.State);
        var keyResults = data.KeyResults.Where(FigureRules.GoalCounts.OverName((KeyResultRow k) => k.Goal!.State, k => k.Goal!.IsArchived));

        // GoalRow.Themes holds the alignments that count (the read model's filter on GoalThemes applies FigureRules.AlignmentCounts).
        var orphans = data.Goals
            .Where(FigureRules.GoalCounts.OverName((GoalRow g) => g.State, g => g.IsArchived))
            .Where(g => g.ParentGoalId == null && !g.Themes.Any())
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
                PeriodName = g.Period!.Name,
                PeriodState = g.Period.State,
                OwnerId = g.OwnerId,
                OwnerName = data.People.Where(p => p.Id == g.OwnerId).Select(p => p.Name).FirstOrDefault(),
                LastCheckInAt = null,
            });

        var withoutAction = KeyResultGaps(keyResults.Where(k => !k.Actions.AsQueryable().Any(liveAction)), KeyResultWithoutAction);
        var stale = KeyResultGaps(keyResults.Where(FigureRules.Stale<KeyResultRow>(k => k.LastCheckInAt, k => k.CreatedAt, cutoff)), StaleKeyResult);

        return orphans.Concat(withoutAction).Concat(stale);
    }

    private IQueryable<AlignmentGap> KeyResultGaps(IQueryable<KeyResultRow> keyResults, string kind) =>
        keyResults.Select(k => new AlignmentGap
        {
            Kind = kind,
            SubjectId = k.Id,
            Title = k.Title,
            GoalId = k.GoalId,
            GoalTitle = k.Goal!.Title,
            OrgUnitId = k.Goal.OwnerUnitId,
            OrgUnitName = k.Goal.OwnerUnit!.Name,
            PeriodId = k.PeriodId,
            PeriodName = k.Goal.Period!.Name,
            PeriodState = k.Goal.Period.State,
            OwnerId = k.OwnerId,
            OwnerName = data.People.Where(p => p.Id == k.OwnerId).Select(p => p.Name).FirstOrDefault(),
            LastCheckInAt = k.LastCheckInAt,
        });

    private IQueryable<ThemeProgress> Themes(IQueryable<AreaSource> areaFigures, DateTime at) =>
        Rows(areaFigures, at, data.Themes, t => t.Id, t => new ThemeProgress { ThemeId = t.Id, ThemeTitle = t.Title });

    private IQueryable<UnitProgress> Units(IQueryable<AreaSource> areaFigures, DateTime at) =>
        Rows(areaFigures, at, data.ScopedUnits, u => u.Id, u => new UnitProgress
        {
            UnitId = u.Id,
            UnitCode = u.Code,
            UnitName = u.Name,
            UnitKind = u.Kind,
            ParentUnitId = u.ParentId,
            DepartmentId = u.DepartmentId,
            DepartmentName = u.DepartmentName,
            UnitLevel = u.Level,
        });

    /// <summary>The stored figures of now, with the stale count of the latest snapshot.</summary>
    private IQueryable<AreaSource> Current(string kind) =>
        data.PeriodFigures.Where(f => f.SubjectKind == kind).Select(f => new AreaSource
        {
            Id = f.Id,
            SubjectId = f.SubjectId,
            PeriodId = f.PeriodId,
            Figures = f.Figures,
            StaleKeyResultCount = data.ProgressSnapshots
                .Where(s => s.SubjectKind == kind && s.SubjectId == f.SubjectId && s.PeriodId == f.PeriodId)
                .OrderByDescending(s => s.Date).Select(s => (int?)s.StaleKeyResultCount).FirstOrDefault(),
            SnapshotDate = data.ProgressSnapshots
                .Where(s => s.SubjectKind == kind && s.SubjectId == f.SubjectId && s.PeriodId == f.PeriodId)
                .Max(s => (DateOnly?)s.Date),
            IsFinal = false,
        });

    /// <summary>
    /// One row per figure whose subject the caller may read: the subject's own columns (<paramref name="subject"/>) and
    /// the columns every area row shares (<see cref="SharedColumns"/>), in one projection the database runs.
    /// </summary>
    private IQueryable<TRow> Rows<TSubject, TRow>(
        IQueryable<AreaSource> areaFigures, DateTime at, IQueryable<TSubject> subjects, Expression<Func<TSubject, Guid>> key, Expression<Func<TSubject, TRow>> subject)
        where TRow : AreaProgress
    {
        var joined = areaFigures
            .Join(subjects, f => f.SubjectId, key, (f, s) => new Area<TSubject> { Source = f, Subject = s })
            .Join(data.Periods, a => a.Source.PeriodId, p => p.Id, (a, p) => new Area<TSubject> { Source = a.Source, Subject = a.Subject, Period = p });

        var area = Expression.Parameter(typeof(Area<TSubject>), "area");
        var own = (MemberInitExpression)Bind(subject, Expression.Property(area, nameof(Area<TSubject>.Subject)));
        var shared = (MemberInitExpression)Bind(SharedColumns, Expression.Property(area, nameof(Area<TSubject>.Source)), Expression.Property(area, nameof(Area<TSubject>.Period)));
        var period = Expression.Property(area, nameof(Area<TSubject>.Period));
        var periodId = Expression.Property(period, nameof(PeriodRow.Id));
        var values = Expression.Property(Expression.Property(area, nameof(Area<TSubject>.Source)), nameof(AreaSource.Figures));
        var status = new FeedStatus(data, figures, at);
        var running = Bind(FigureRules.PeriodRuns.OverName((PeriodRow p) => p.State), period);
        MemberBinding[] timed =
        [
            Expression.Bind(typeof(TRow).GetProperty(nameof(AreaProgress.ExpectedProgress))!, status.Expected(periodId)),
            Expression.Bind(
                typeof(TRow).GetProperty(nameof(AreaProgress.Status))!,
                status.Status(running, periodId, Expression.Property(values, nameof(FigureValues.Progress)), Expression.Property(values, nameof(FigureValues.Confidence)))),
        ];
        var row = Expression.MemberInit(own.NewExpression, own.Bindings.Concat(shared.Bindings).Concat(timed));
        return joined.Select(Expression.Lambda<Func<Area<TSubject>, TRow>>(row, area));
    }

    /// <summary>The columns of <see cref="AreaProgress"/>, written once for themes and units.</summary>
    private static readonly Expression<Func<AreaSource, PeriodRow, SharedRow>> SharedColumns = (f, p) => new SharedRow
    {
        Id = f.Id,
        PeriodId = p.Id,
        PeriodName = p.Name,
        Progress = f.Figures.Progress,
        Confidence = f.Figures.Confidence,
        GoalCount = f.Figures.GoalCount,
        KeyResultCount = f.Figures.KeyResultCount,
        ActionCount = f.Figures.ActionCount,
        AlignedGoalCount = f.Figures.AlignedGoalCount,
        AlignedShare = f.Figures.GoalCount == 0 ? null : (double)f.Figures.AlignedGoalCount / f.Figures.GoalCount,
        KeyResultsWithActionCount = f.Figures.KeyResultsWithActionCount,
        OrphanGoalCount = f.Figures.OrphanGoalCount,
        CollaboratingGoalCount = f.Figures.CollaboratingGoalCount,
        CollaboratingShare = f.Figures.GoalCount == 0 ? null : (double)f.Figures.CollaboratingGoalCount / f.Figures.GoalCount,
        StaleKeyResultCount = f.StaleKeyResultCount,
        SnapshotDate = f.SnapshotDate,
        IsFinal = f.IsFinal,
    };

    /// <summary>The body of <paramref name="lambda"/> with its parameters replaced by <paramref name="arguments"/>.</summary>
    private static Expression Bind(LambdaExpression lambda, params Expression[] arguments) =>
        new Substitution(lambda.Parameters, arguments).Visit(lambda.Body);

    /// <summary>A figure of a theme or unit before it is joined to its subject: now (PeriodFigures).</summary>
    private sealed class AreaSource
    {
        public long Id { get; init; }
        public Guid SubjectId { get; init; }
        public Guid PeriodId { get; init; }
        public FigureValues Figures { get; init; }
        public int? StaleKeyResultCount { get; init; }
        public DateOnly? SnapshotDate { get; init; }
        public bool IsFinal { get; init; }
    }

    private sealed class Area<TSubject>
    {
        public required AreaSource Source { get; init; }
        public required TSubject Subject { get; init; }
        public PeriodRow? Period { get; init; }
    }

    /// <summary>Only a carrier of <see cref="AreaProgress"/>'s bindings for <see cref="SharedColumns"/>; never materialised.</summary>
    private sealed class SharedRow : AreaProgress;

    private sealed class Substitution(IEnumerable<ParameterExpression> parameters, IEnumerable<Expression> arguments) : ExpressionVisitor
    {
        private readonly Dictionary<ParameterExpression, Expression> replacements = parameters.Zip(arguments).ToDictionary(p => p.First, p => p.Second);

        protected override Expression VisitParameter(ParameterExpression node) => replacements.GetValueOrDefault(node, node);
    }
}
