using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Reporting;

/// <summary>
/// The feed's point-in-time functions: the figures of every period that had begun by a day, as they stood at the end
/// of that day (24:00 in the organisation's time zone, or now for today), replayed by <see cref="FigureReplay"/> from
/// the check-ins and the audited history. Themes are the whole organisation's; units, goals and key results are the
/// caller's (the scoped sets of <see cref="IReportingData"/>). The rows are built in memory (a few per theme, unit,
/// goal and key result of the periods) and the query options compose over them. A replay at the end of a day that is
/// over is kept in <see cref="ReplayCache"/> until the data changes; today's (at now) is made per request, as its stale
/// counts and expected progress move with the clock. Today's theme and unit figures are not replayed but summed from
/// the stored goal figures (<see cref="AreasOfDayAsync"/>).
/// </summary>
/// <remarks>
/// GoalProgress and KeyResultProgress (today) are not replayed: today's replay gives exactly the stored figures the
/// roll-up keeps equal to a full recompute, so they are read from the stored rows (<see cref="KeyResultProgressToday"/>,
/// <see cref="GoalProgressTodayAsync"/>), with each count the replay makes, and the status of a day as the AsOf rows have it.
/// </remarks>
public sealed class ReportingHistory(IReportingData data, IVisionTrackerDbContext db, FigureReplay replay, FigureReader figures, ReplayCache cache)
{
    public static readonly IReadOnlyList<string> Subjects = [nameof(FigureSubject.Theme), nameof(FigureSubject.OrgUnit), nameof(FigureSubject.Goal), nameof(FigureSubject.KeyResult)];

    /// <summary>Why the feed cannot answer for <paramref name="date"/> (a day to come, or before the first period began); null when it can.</summary>
    public async Task<ErrorPart?> RefuseAsync(DateOnly date, CancellationToken ct)
    {
        if (date > figures.Today)
        {
            return new(nameof(ErrorTexts.AsOfDateInFuture), Day(date), Day(figures.Today));
        }

        var first = await data.Periods.MinAsync(p => (DateOnly?)p.Start, ct);
        return first is null ? new(nameof(ErrorTexts.AsOfNoPeriod), Day(date))
            : date < first ? new(nameof(ErrorTexts.AsOfDateBeforeFirstPeriod), Day(date), Day(first.Value))
            : null;
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<IQueryable<ThemeProgress>> ThemeProgressAsOfAsync(DateOnly date, CancellationToken ct)
    {
        var themes = await data.Themes.Select(t => new { t.Id, t.Title }).ToDictionaryAsync(t => t.Id, ct);
        return (await AreasAsync(date, FigureSubject.Theme, themes.Keys, ct))
            .Select(a => new ThemeProgress(a.Shared) { ThemeId = a.Area.SubjectId, ThemeTitle = themes[a.Area.SubjectId].Title }).AsQueryable();
    }

    public async Task<IQueryable<UnitProgress>> UnitProgressAsOfAsync(DateOnly date, CancellationToken ct)
    {
        var units = await data.ScopedUnits.ToDictionaryAsync(u => u.Id, ct);
        return (await AreasAsync(date, FigureSubject.OrgUnit, units.Keys, ct)).Select(a => units[a.Area.SubjectId] is var u ? new UnitProgress(a.Shared)
        {
            UnitId = u.Id,
            UnitCode = u.Code,
            UnitName = u.Name,
            UnitKind = u.Kind,
            ParentUnitId = u.ParentId,
            DepartmentId = u.DepartmentId,
            DepartmentName = u.DepartmentName,
            UnitLevel = u.Level,
        } : null!).AsQueryable();
    }

    public async Task<IQueryable<GoalProgress>> GoalProgressAsOfAsync(DateOnly date, CancellationToken ct)
    {
        var rows = new List<GoalProgress>();
        foreach (var (period, day) in await ReplayAsync(date, ct))
        {
            var goals = await data.Goals.Where(g => g.PeriodId == period.Id)
                .Select(g => new { g.Id, g.Title, g.OwnerUnitId, g.DepartmentId, g.DepartmentName, g.ParentGoalId }).ToListAsync(ct);
            foreach (var goal in goals.Where(g => day.Goals.ContainsKey(g.Id)))
            {
                var figure = day.Goals[goal.Id];
                var status = Status(period, date, day.At, FigureRules.GoalCountsCompiled(figure.State, figure.IsArchived), figure.Progress, figure.Confidence);
                rows.Add(new GoalProgress
                {
                    Id = goal.Id,
                    Title = goal.Title,
                    PeriodId = period.Id,
                    PeriodName = period.Name,
                    OwnerUnitId = goal.OwnerUnitId,
                    DepartmentId = goal.DepartmentId,
                    DepartmentName = goal.DepartmentName,
                    ParentGoalId = goal.ParentGoalId,
                    State = figure.State.ToString(),
                    IsArchived = figure.IsArchived,
                    Progress = figure.Progress,
                    Confidence = figure.Confidence,
                    ExpectedProgress = status.Expected,
                    Status = status.Name,
                    KeyResultCount = figure.KeyResultCount,
                    CheckInCount = figure.CheckInCount,
                    Date = date,
                });
            }
        }

        return rows.AsQueryable();
    }

    public async Task<IQueryable<KeyResultProgress>> KeyResultProgressAsOfAsync(DateOnly date, CancellationToken ct)
    {
        var rows = new List<KeyResultProgress>();
        foreach (var (period, day) in await ReplayAsync(date, ct))
        {
            var keyResults = await data.KeyResults.Where(k => k.PeriodId == period.Id)
                .Select(k => new { k.Id, k.Title, k.GoalId, k.DepartmentId, k.DepartmentName }).ToListAsync(ct);
            foreach (var keyResult in keyResults.Where(k => day.KeyResults.ContainsKey(k.Id) && day.Goals.ContainsKey(k.GoalId)))
            {
                var figure = day.KeyResults[keyResult.Id];
                var goal = day.Goals[keyResult.GoalId];
                var status = Status(period, date, day.At, FigureRules.GoalCountsCompiled(goal.State, goal.IsArchived), figure.Progress, figure.Confidence);
                rows.Add(new KeyResultProgress
                {
                    Id = keyResult.Id,
                    Title = keyResult.Title,
                    GoalId = keyResult.GoalId,
                    PeriodId = period.Id,
                    PeriodName = period.Name,
                    DepartmentId = keyResult.DepartmentId,
                    DepartmentName = keyResult.DepartmentName,
                    Progress = figure.Progress,
                    Confidence = figure.Confidence,
                    LastCheckInAt = figure.LastCheckInAt,
                    ExpectedProgress = status.Expected,
                    Status = status.Name,
                    CheckInCount = figure.CheckInCount,
                    Date = date,
                });
            }
        }

        return rows.AsQueryable();
    }

    /// <summary>
    /// Each readable key result's figures now, as <see cref="KeyResultProgressAsOfAsync"/> gives them for today, as one
    /// query the database runs (so the query options and paging run there): the stored progress, confidence and last
    /// check-in, its check-ins made by now, the status while its goal ran today.
    /// </summary>
    public IQueryable<KeyResultProgress> KeyResultProgressToday()
    {
        var (now, today) = (figures.Now, figures.Today);
        var status = new FeedStatus(data, figures, now, (start, end, state) => RanOn(today, start, end, state));
        var k = Expression.Parameter(typeof(KeyResultRow), "k");
        var periodId = Expression.Property(k, nameof(KeyResultRow.PeriodId));
        var goalRuns = Rule.Inline(
            FigureRules.GoalCounts.OverName(
                (KeyResultRow r) => EF.Property<string>(r, FeedStatusColumns.GoalStateColumn), r => EF.Property<bool>(r, FeedStatusColumns.GoalIsArchivedColumn)),
            k);
        Expression<Func<KeyResultRow, KeyResultProgress>> columns = r => new KeyResultProgress
        {
            Id = r.Id,
            Title = r.Title,
            GoalId = r.GoalId,
            PeriodId = r.PeriodId,
            PeriodName = r.Goal!.Period!.Name,
            DepartmentId = r.DepartmentId,
            DepartmentName = r.DepartmentName,
            Progress = r.Progress,
            Confidence = r.Confidence,
            LastCheckInAt = r.LastCheckInAt,
            CheckInCount = data.CheckInStamps.Count(c => c.KeyResultId == r.Id && c.At <= now),
            Date = today,
        };
        var body = (MemberInitExpression)Rule.Inline(columns, k);
        var row = Expression.MemberInit(body.NewExpression, body.Bindings.Concat(
        [
            Expression.Bind(typeof(KeyResultProgress).GetProperty(nameof(KeyResultProgress.ExpectedProgress))!, status.Expected(periodId)),
            Expression.Bind(
                typeof(KeyResultProgress).GetProperty(nameof(KeyResultProgress.Status))!,
                status.Status(
                    Expression.AndAlso(goalRuns, status.PeriodRuns(periodId)),
                    periodId,
                    Expression.Convert(Expression.Property(k, nameof(KeyResultRow.Progress)), typeof(double?)),
                    Expression.Property(k, nameof(KeyResultRow.Confidence)))),
        ]));
        return data.KeyResults
            .Where(r => r.CreatedAt <= now && r.Goal!.CreatedAt <= now && r.Goal.Period!.Start <= today)
            .Select(Expression.Lambda<Func<KeyResultRow, KeyResultProgress>>(row, k));
    }

    /// <summary>
    /// Each readable goal's figures now, as <see cref="GoalProgressAsOfAsync"/> gives them for today: the stored figures
    /// and state, its key results, and the check-ins that fed its progress (its key results', or its counted child
    /// goals' when it has none: one count per key result and the goal tree, in memory).
    /// </summary>
    public async Task<IQueryable<GoalProgress>> GoalProgressTodayAsync(CancellationToken ct)
    {
        var (now, today) = (figures.Now, figures.Today);
        var periods = await data.Periods.Where(p => p.Start <= today).ToDictionaryAsync(p => p.Id, ct);
        var started = periods.Keys.ToList();
        var tree = await db.Goals.AsNoTracking().Where(g => started.Contains(g.PeriodId) && g.CreatedAt <= now)
            .Select(g => new { g.Id, g.PeriodId, g.ParentGoalId, g.State, g.IsArchived }).ToListAsync(ct);
        var keyResults = await db.KeyResults.AsNoTracking().Where(k => started.Contains(k.PeriodId) && k.CreatedAt <= now)
            .Select(k => new { k.GoalId, CheckIns = db.CheckIns.Count(c => c.KeyResultId == k.Id && c.At <= now) }).ToListAsync(ct);
        var own = keyResults.ToLookup(k => k.GoalId, k => k.CheckIns);
        // A period's replay rolls up its own goals only: a child goal counts in a parent of the same period.
        var children = tree.Where(g => g.ParentGoalId is not null && FigureRules.GoalCountsInParentCompiled(g.State, g.IsArchived))
            .ToLookup(g => (g.ParentGoalId!.Value, g.PeriodId), g => g.Id);
        var periodOf = tree.ToDictionary(g => g.Id, g => g.PeriodId);
        var fed = new Dictionary<Guid, int>();
        int CheckIns(Guid goal) => fed.TryGetValue(goal, out var known) ? known
            : fed[goal] = own[goal].Any() ? own[goal].Sum() : children[(goal, periodOf[goal])].Sum(CheckIns);

        var goals = await data.Goals.Where(g => started.Contains(g.PeriodId) && g.CreatedAt <= now)
            .Select(g => new { g.Id, g.Title, g.PeriodId, g.OwnerUnitId, g.DepartmentId, g.DepartmentName, g.ParentGoalId, g.State, g.IsArchived, g.Progress, g.Confidence })
            .ToListAsync(ct);
        return goals.Select(g =>
        {
            var period = periods[g.PeriodId];
            var status = Status(period, today, now, FigureRules.GoalCountsCompiled(Enum.Parse<GoalState>(g.State), g.IsArchived), g.Progress, g.Confidence);
            return new GoalProgress
            {
                Id = g.Id,
                Title = g.Title,
                PeriodId = g.PeriodId,
                PeriodName = period.Name,
                OwnerUnitId = g.OwnerUnitId,
                DepartmentId = g.DepartmentId,
                DepartmentName = g.DepartmentName,
                ParentGoalId = g.ParentGoalId,
                State = g.State,
                IsArchived = g.IsArchived,
                Progress = g.Progress,
                Confidence = g.Confidence,
                ExpectedProgress = status.Expected,
                Status = status.Name,
                KeyResultCount = own[g.Id].Count(),
                CheckInCount = CheckIns(g.Id),
                Date = today,
            };
        }).ToList().AsQueryable();
    }

    /// <summary>Every check-in the caller may read that was made by the end of <paramref name="date"/>.</summary>
    public IQueryable<CheckInRow> CheckInsAsOf(DateOnly date)
    {
        var at = At(date);
        return data.CheckIns.Where(c => c.At <= at);
    }

    /// <summary>
    /// The check-ins that fed one figure as of <paramref name="date"/> (a theme's, an org unit's, a goal's or a key
    /// result's, <paramref name="subject"/> as in <see cref="Subjects"/>); null when the caller may not read that figure.
    /// </summary>
    public async Task<IQueryable<CheckInRow>?> CheckInsAsOfAsync(DateOnly date, string subject, Guid id, CancellationToken ct)
    {
        var readable = subject switch
        {
            nameof(FigureSubject.Theme) => await data.Themes.AnyAsync(t => t.Id == id, ct),
            nameof(FigureSubject.OrgUnit) => await data.ScopedUnits.AnyAsync(u => u.Id == id, ct),
            nameof(FigureSubject.Goal) => await data.Goals.AnyAsync(g => g.Id == id, ct),
            nameof(FigureSubject.KeyResult) => await data.KeyResults.AnyAsync(k => k.Id == id, ct),
            _ => false,
        };
        if (!readable)
        {
            return null;
        }

        var fedBy = new HashSet<Guid>();
        if (subject is nameof(FigureSubject.Theme) or nameof(FigureSubject.OrgUnit))
        {
            foreach (var (_, _, areas) in await AreasOfDayAsync(date, ct))
            {
                fedBy.UnionWith(areas.Where(a => a.SubjectId == id && a.Kind.ToString() == subject).SelectMany(a => a.FedBy));
            }
        }
        else
        {
            foreach (var (_, day) in await ReplayAsync(date, ct))
            {
                fedBy.UnionWith(subject == nameof(FigureSubject.Goal)
                    ? day.Goals.TryGetValue(id, out var goal) ? goal.FedBy : []
                    : day.KeyResults.ContainsKey(id) ? [id] : []);
            }
        }

        var ids = fedBy.ToList();
        return CheckInsAsOf(date).Where(c => c.KeyResultId != null && ids.Contains(c.KeyResultId.Value));
    }

    private DateTime At(DateOnly date) => figures.EndOfDay(date) is var end && end < figures.Now ? end : figures.Now;

    private async Task<List<(PeriodRow Period, PeriodReplay Day)>> ReplayAsync(DateOnly date, CancellationToken ct)
    {
        var periods = await data.Periods.Where(p => p.Start <= date).OrderBy(p => p.Start).ThenBy(p => p.Id).ToListAsync(ct);
        var at = At(date);
        var version = at < figures.Now ? await DataVersionAsync(ct) : null;
        var result = new List<(PeriodRow, PeriodReplay)>();
        foreach (var period in periods)
        {
            result.Add((period, version is null
                ? await replay.ReplayAsync(period.Id, at, ct)
                : await cache.GetOrReplayAsync(period.Id, at, version, () => replay.ReplayAsync(period.Id, at, ct))));
        }

        return result;
    }

    /// <summary>
    /// What moves with every write a replay could see: the newest audit entry (every save through the service writes
    /// one). On PostgreSQL, where commits of concurrent writers (and of two instances) may land out of the order of their
    /// ids, also the oldest transaction still running: it moves once a write that was open when the version was read ends.
    /// </summary>
    private async Task<string> DataVersionAsync(CancellationToken ct)
    {
        var audit = await db.AuditEntries.AsNoTracking().MaxAsync(e => (long?)e.Id, ct) ?? 0;
        if (!db.Database.IsPostgres())
        {
            return audit.ToString(CultureInfo.InvariantCulture);
        }

        var oldest = await db.Database.SqlQueryRaw<string>("SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS \"Value\"").SingleAsync(ct);
        return $"{audit}/{oldest}";
    }

    /// <summary>
    /// Every begun period's theme and unit figures at the end of <paramref name="date"/>: replayed for a day that is
    /// over; for today (now) summed from the stored goal figures (<see cref="FigureReplay.AreasNowAsync"/>), which is
    /// what a replay at now gives, without reading back every check-in and audited change of the period.
    /// </summary>
    private async Task<List<(PeriodRow Period, DateTime At, IReadOnlyList<ReplayedArea> Areas)>> AreasOfDayAsync(DateOnly date, CancellationToken ct)
    {
        var now = figures.Now;
        if (figures.EndOfDay(date) < now)
        {
            return [.. (await ReplayAsync(date, ct)).Select(r => (r.Period, r.Day.At, r.Day.Areas))];
        }

        var result = new List<(PeriodRow, DateTime, IReadOnlyList<ReplayedArea>)>();
        foreach (var period in await data.Periods.Where(p => p.Start <= date).OrderBy(p => p.Start).ThenBy(p => p.Id).ToListAsync(ct))
        {
            result.Add((period, now, await replay.AreasNowAsync(period.Id, now, ct)));
        }

        return result;
    }

    private async Task<List<AreaRow>> AreasAsync(DateOnly date, FigureSubject kind, IEnumerable<Guid> readable, CancellationToken ct)
    {
        var kindName = kind.ToString();
        var subjects = readable.ToHashSet();
        var ids = await data.PeriodFigures.Where(f => f.SubjectKind == kindName)
            .ToDictionaryAsync(f => (f.SubjectId, f.PeriodId), f => f.Id, ct);
        var snapshots = await data.ProgressSnapshots.Where(s => s.SubjectKind == kindName && (s.Date == date || (s.IsFinal && s.Date <= date)))
            .Select(s => new { s.SubjectId, s.PeriodId, s.Date, s.IsFinal }).ToListAsync(ct);
        var sameDay = snapshots.Where(s => s.Date == date).Select(s => (s.SubjectId, s.PeriodId)).ToHashSet();
        var closed = snapshots.Where(s => s.IsFinal).Select(s => s.PeriodId).ToHashSet();
        var rows = new List<AreaRow>();
        foreach (var (period, at, areas) in await AreasOfDayAsync(date, ct))
        {
            foreach (var area in areas.Where(a => a.Kind == kind && subjects.Contains(a.SubjectId) && ids.ContainsKey((a.SubjectId, period.Id))))
            {
                var status = Status(period, date, at, true, area.Figures.Progress, area.Figures.Confidence);
                rows.Add(new AreaRow(area, period, ids[(area.SubjectId, period.Id)], status, sameDay.Contains((area.SubjectId, period.Id)) ? date : null, closed.Contains(period.Id)));
            }
        }

        return rows;
    }

    /// <summary>Expected progress at the end of the day, and the status of what was running then (its period's days, not Planning).</summary>
    private (double Expected, string? Name) Status(PeriodRow period, DateOnly date, DateTime at, bool running, double? progress, double? confidence)
    {
        var expected = figures.ExpectedProgress(period.Start, period.End, at);
        var ran = running && RanOn(date, period.Start, period.End, Enum.Parse<PeriodState>(period.State));
        return (expected, Rollup.StatusIfRunning(ran, progress, expected, confidence, figures.Thresholds)?.ToString());
    }

    /// <summary>A period ran on a day within its days unless it was still being planned.</summary>
    private static bool RanOn(DateOnly date, DateOnly start, DateOnly end, PeriodState state) =>
        state != PeriodState.Planning && date >= start && date <= end;

    private sealed record AreaRow(ReplayedArea Area, PeriodRow Period, long Id, (double Expected, string? Name) Status, DateOnly? SnapshotDate, bool IsFinal)
    {
        public AreaProgress Shared => new SharedArea
        {
            Id = Id,
            PeriodId = Period.Id,
            PeriodName = Period.Name,
            Progress = Area.Figures.Progress,
            Confidence = Area.Figures.Confidence,
            ExpectedProgress = Status.Expected,
            Status = Status.Name,
            GoalCount = Area.Figures.GoalCount,
            KeyResultCount = Area.Figures.KeyResultCount,
            ActionCount = Area.Figures.ActionCount,
            AlignedGoalCount = Area.Figures.AlignedGoalCount,
            AlignedShare = Area.Figures.GoalCount == 0 ? null : (double)Area.Figures.AlignedGoalCount / Area.Figures.GoalCount,
            KeyResultsWithActionCount = Area.Figures.KeyResultsWithActionCount,
            OrphanGoalCount = Area.Figures.OrphanGoalCount,
            CollaboratingGoalCount = Area.Figures.CollaboratingGoalCount,
            CollaboratingShare = Area.Figures.GoalCount == 0 ? null : (double)Area.Figures.CollaboratingGoalCount / Area.Figures.GoalCount,
            StaleKeyResultCount = Area.StaleKeyResultCount,
            SnapshotDate = SnapshotDate,
            IsFinal = IsFinal,
            CheckInCount = Area.CheckInCount,
        };
    }

    /// <summary>Only a carrier of the shared columns; never returned.</summary>
    private sealed class SharedArea : AreaProgress;
}
