using System.Globalization;
using Microsoft.EntityFrameworkCore;
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
/// goal and key result of the periods) and the query options compose over them.
/// </summary>
public sealed class ReportingHistory(IReportingData data, FigureReplay replay, FigureReader figures)
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
        foreach (var (_, day) in await ReplayAsync(date, ct))
        {
            IEnumerable<Guid> keys = subject switch
            {
                nameof(FigureSubject.Goal) => day.Goals.TryGetValue(id, out var goal) ? goal.FedBy : [],
                nameof(FigureSubject.KeyResult) => day.KeyResults.ContainsKey(id) ? [id] : [],
                _ => day.Areas.Where(a => a.SubjectId == id && a.Kind.ToString() == subject).SelectMany(a => a.FedBy),
            };
            fedBy.UnionWith(keys);
        }

        var ids = fedBy.ToList();
        return CheckInsAsOf(date).Where(c => c.KeyResultId != null && ids.Contains(c.KeyResultId.Value));
    }

    private DateTime At(DateOnly date) => figures.EndOfDay(date) is var end && end < figures.Now ? end : figures.Now;

    private async Task<List<(PeriodRow Period, PeriodReplay Day)>> ReplayAsync(DateOnly date, CancellationToken ct)
    {
        var periods = await data.Periods.Where(p => p.Start <= date).OrderBy(p => p.Start).ThenBy(p => p.Id).ToListAsync(ct);
        var result = new List<(PeriodRow, PeriodReplay)>();
        foreach (var period in periods)
        {
            result.Add((period, await replay.ReplayAsync(period.Id, At(date), ct)));
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
        foreach (var (period, day) in await ReplayAsync(date, ct))
        {
            foreach (var area in day.Areas.Where(a => a.Kind == kind && subjects.Contains(a.SubjectId) && ids.ContainsKey((a.SubjectId, period.Id))))
            {
                var status = Status(period, date, day.At, true, area.Figures.Progress, area.Figures.Confidence);
                rows.Add(new AreaRow(area, period, ids[(area.SubjectId, period.Id)], status, sameDay.Contains((area.SubjectId, period.Id)) ? date : null, closed.Contains(period.Id)));
            }
        }

        return rows;
    }

    /// <summary>Expected progress at the end of the day, and the status of what was running then (its period's days, not Planning).</summary>
    private (double Expected, string? Name) Status(PeriodRow period, DateOnly date, DateTime at, bool running, double? progress, double? confidence)
    {
        var expected = figures.ExpectedProgress(period.Start, period.End, at);
        var ran = running && period.State != nameof(PeriodState.Planning) && date >= period.Start && date <= period.End;
        return (expected, Rollup.StatusIfRunning(ran, progress, expected, confidence, figures.Thresholds)?.ToString());
    }

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
