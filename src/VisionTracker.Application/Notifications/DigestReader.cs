using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Notifications;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Notifications;

public sealed record DigestPeriod(Guid PeriodId, string Name, FigureView? Figure, int GoalCount, DateOnly? EarlierDate, double? EarlierProgress);

public sealed record DigestKeyResult(Guid Id, Guid GoalId, string Title, string GoalTitle, string OwnerName, DateTime? LastCheckInAt);

public sealed record DigestGoal(Guid Id, string Title, string OwnerName);

public sealed record DigestCollaboration(Guid OwnerId, Guid GoalId, bool OnAction, string OwnerTitle, CollaborationKind Kind, string Partner);

/// <summary>A collaboration from elsewhere naming the subtree, still waiting for its answer.</summary>
public sealed record DigestIncoming(Guid CollaborationId, Guid AnsweringUnitId, string FromUnit, string Partner, string Description, bool IsNew);

/// <summary>A subtree's week in figures, read once and written in each recipient's language.</summary>
public sealed record DigestData(
    string UnitName,
    IReadOnlyList<DigestPeriod> Periods,
    IReadOnlyList<DigestKeyResult> StaleKeyResults,
    IReadOnlyList<string> SilentPeople,
    IReadOnlyList<DigestGoal> OrphanGoals,
    IReadOnlyList<DigestCollaboration> NewCollaborations,
    IReadOnlyList<DigestIncoming> AwaitingAnswer);

/// <summary>
/// Reads a digest from stored figures only: the unit's <see cref="PeriodFigure"/>, its snapshot about a week back,
/// and staleness through <see cref="FigureReader"/>. Nothing is recomputed here. Collaborations are "new" when made
/// after <paramref name="since"/>, the reader's previous digest; with none, nothing is called new.
/// </summary>
public sealed class DigestReader(IVisionTrackerDbContext db, FigureReader figures)
{
    /// <summary>When the person's previous weekly digest was written, or null.</summary>
    public static Task<DateTime?> PreviousDigestAsync(IVisionTrackerDbContext db, Guid personId, CancellationToken ct) =>
        db.Notifications.AsNoTracking()
            .Where(n => n.RecipientId == personId && n.Kind == NotificationKind.WeeklyDigest)
            .OrderByDescending(n => n.CreatedAt)
            .Select(n => (DateTime?)n.CreatedAt)
            .FirstOrDefaultAsync(ct);

    public async Task<DigestData> ReadAsync(Guid unitId, string unitPath, string unitName, DateOnly today, DateTime? since, CancellationToken ct)
    {
        var now = figures.Now;
        var staleCutoff = Rollup.StaleCutoff(now, figures.StaleAfterDays);
        var weekAgo = today.AddDays(-7);
        var periods = await db.Periods.AsNoTracking().Where(p => p.State == PeriodState.Active).OrderBy(p => p.Start).ToListAsync(ct);
        var digestPeriods = new List<DigestPeriod>();
        foreach (var period in periods)
        {
            var figure = await db.PeriodFigures.AsNoTracking()
                .FirstOrDefaultAsync(f => f.SubjectKind == FigureSubject.OrgUnit && f.SubjectId == unitId && f.PeriodId == period.Id, ct);
            var earlier = await db.ProgressSnapshots.AsNoTracking()
                .Where(s => s.SubjectKind == FigureSubject.OrgUnit && s.SubjectId == unitId && s.PeriodId == period.Id && s.Date <= weekAgo)
                .OrderByDescending(s => s.Date)
                .Select(s => new { s.Date, s.Figures.Progress })
                .FirstOrDefaultAsync(ct);
            digestPeriods.Add(new DigestPeriod(
                period.Id,
                period.Name,
                figure is null ? null : figures.Area(figure.Figures.Progress, figure.Figures.Confidence, period),
                figure?.Figures.GoalCount ?? 0,
                earlier?.Date,
                earlier?.Progress));
        }

        var activePeriodIds = periods.Select(p => p.Id).ToList();
        var liveKeyResults = db.KeyResults.AsNoTracking()
            .Where(k => activePeriodIds.Contains(k.PeriodId))
            .Where(FigureRules.GoalCounts.Over((KeyResult k) => k.Goal!.State, k => k.Goal!.IsArchived))
            .Where(k => k.Goal!.OwnerUnit!.Path.StartsWith(unitPath));
        var stale = (await liveKeyResults
                .Where(FigureRules.Stale<KeyResult>(k => k.LastCheckInAt, k => k.CreatedAt, staleCutoff))
                .Select(k => new { k.Id, k.GoalId, k.Title, GoalTitle = k.Goal!.Title, OwnerName = k.Owner!.Name, k.LastCheckInAt, k.CreatedAt })
                .ToListAsync(ct))
            .OrderBy(k => k.LastCheckInAt ?? k.CreatedAt).ThenBy(k => k.Title, StringComparer.Ordinal)
            .Select(k => new DigestKeyResult(k.Id, k.GoalId, k.Title, k.GoalTitle, k.OwnerName, k.LastCheckInAt))
            .ToList();

        var owners = await liveKeyResults.Select(k => k.OwnerId)
            .Union(db.Actions.AsNoTracking()
                .Where(a => activePeriodIds.Contains(a.PeriodId))
                .Where(FigureRules.OpenAction)
                .Where(a => a.OrgUnit!.Path.StartsWith(unitPath))
                .Select(a => a.OwnerId))
            .ToListAsync(ct);
        var silent = await db.People.AsNoTracking()
            .Where(p => owners.Contains(p.Id) && p.IsActive)
            .Where(p => !db.CheckIns.Any(c => c.PersonId == p.Id && c.At >= staleCutoff))
            .OrderBy(p => p.Name)
            .Select(p => p.Name)
            .ToListAsync(ct);

        var goalsInScope = db.Goals.AsNoTracking()
            .Where(g => activePeriodIds.Contains(g.PeriodId))
            .Where(FigureRules.CountingGoal)
            .Where(g => g.OwnerUnit!.Path.StartsWith(unitPath));
        var orphans = await goalsInScope
            .Where(g => g.ParentGoalId == null && !g.Alignments.AsQueryable().Any(FigureRules.CountingAlignment))
            .OrderBy(g => g.Title)
            .Select(g => new DigestGoal(g.Id, g.Title, g.Owner!.Name))
            .ToListAsync(ct);

        var after = since ?? DateTime.MaxValue;
        var onGoals = await (
                from c in db.Collaborations.AsNoTracking()
                join g in db.Goals on c.GoalId equals (Guid?)g.Id
                where c.CreatedAt > after && activePeriodIds.Contains(g.PeriodId) && !g.IsArchived && g.OwnerUnit!.Path.StartsWith(unitPath)
                select new
                {
                    OwnerId = g.Id,
                    GoalId = g.Id,
                    OnAction = false,
                    OwnerTitle = g.Title,
                    OwnUnit = g.OwnerUnitId,
                    c.Kind,
                    c.PartnerUnitId,
                    c.CreatedAt,
                    Partner = c.PartnerUnit!.Name ?? c.PartnerGoal!.Title ?? c.PartnerName ?? "",
                })
            .ToListAsync(ct);
        var onActions = await (
                from c in db.Collaborations.AsNoTracking()
                join a in db.Actions on c.ActionId equals (Guid?)a.Id
                where c.CreatedAt > after && activePeriodIds.Contains(a.PeriodId) && a.OrgUnit!.Path.StartsWith(unitPath)
                select new
                {
                    OwnerId = a.Id,
                    a.GoalId,
                    OnAction = true,
                    OwnerTitle = a.Title,
                    OwnUnit = a.OrgUnitId,
                    c.Kind,
                    c.PartnerUnitId,
                    c.CreatedAt,
                    Partner = c.PartnerUnit!.Name ?? c.PartnerGoal!.Title ?? c.PartnerName ?? "",
                })
            .ToListAsync(ct);
        var collaborations = onGoals.Concat(onActions)
            .Where(c => Collaboration.Crosses(c.Kind, c.PartnerUnitId, c.OwnUnit))
            .OrderByDescending(c => c.CreatedAt)
            .Select(c => new DigestCollaboration(c.OwnerId, c.GoalId, c.OnAction, c.OwnerTitle, c.Kind, c.Partner))
            .ToList();

        var pending = db.Collaborations.AsNoTracking()
            .Where(c => c.Response == CollaborationResponse.Pending)
            .Where(c => (c.PartnerUnit != null ? c.PartnerUnit.Path : c.PartnerGoal!.OwnerUnit!.Path).StartsWith(unitPath));
        var fromGoals = await (
                from c in pending
                join g in db.Goals on c.GoalId equals (Guid?)g.Id
                where activePeriodIds.Contains(g.PeriodId) && !g.IsArchived
                select new { c.Id, FromPath = g.OwnerUnit!.Path, FromUnit = g.OwnerUnit.Name, Partner = c.PartnerUnit!.Name ?? c.PartnerGoal!.Title, c.Description, c.CreatedAt })
            .ToListAsync(ct);
        var fromActions = await (
                from c in pending
                join a in db.Actions on c.ActionId equals (Guid?)a.Id
                where activePeriodIds.Contains(a.PeriodId) && !a.Goal!.IsArchived
                select new { c.Id, FromPath = a.OrgUnit!.Path, FromUnit = a.OrgUnit.Name, Partner = c.PartnerUnit!.Name ?? c.PartnerGoal!.Title, c.Description, c.CreatedAt })
            .ToListAsync(ct);
        var incoming = fromGoals.Concat(fromActions)
            .Where(c => !c.FromPath.StartsWith(unitPath, StringComparison.Ordinal))
            .OrderByDescending(c => c.CreatedAt)
            .Select(c => new DigestIncoming(c.Id, unitId, c.FromUnit, c.Partner, c.Description, c.CreatedAt > after))
            .ToList();

        return new DigestData(unitName, digestPeriods, stale, silent, orphans, collaborations, incoming);
    }
}
