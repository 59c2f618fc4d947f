using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Goals;
using VisionTracker.Application.Periods;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Org;

/// <summary>A unit's subtree in a period, as its department head reviews it (readable by anyone who may read the unit).</summary>
public sealed record GetDepartmentOverviewQuery(Guid UnitId, Guid? PeriodId) : IQuery<DepartmentOverviewDto>;

public sealed class GetDepartmentOverviewHandler(IVisionTrackerDbContext db, AccessPolicy access, FigureReader figures)
    : IQueryHandler<GetDepartmentOverviewQuery, DepartmentOverviewDto>
{
    public async ValueTask<DepartmentOverviewDto> Handle(GetDepartmentOverviewQuery query, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == query.UnitId, cancellationToken)
            ?? throw new NotFoundException("OrgUnit", query.UnitId);
        access.EnsureCanRead(unit.Path, "OrgUnit", unit.Id);
        var period = query.PeriodId is { } id
            ? await db.Periods.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException("Period", id)
            : await db.Periods.AsNoTracking().OrderBy(p => p.State != PeriodState.Active).ThenByDescending(p => p.Start).FirstAsync(cancellationToken);
        var path = unit.Path;

        var goals = await db.Goals.AsNoTracking()
            .Where(g => g.PeriodId == period.Id && !g.IsArchived && g.OwnerUnit!.Path.StartsWith(path))
            .OrderBy(g => g.OwnerUnit!.Path).ThenBy(g => g.Title)
            .Select(g => new
            {
                g.Id,
                g.Title,
                OwnerUnitName = g.OwnerUnit!.Name,
                g.State,
                g.ParentGoalId,
                g.Progress,
                g.Confidence,
                Alignments = g.Alignments.Select(a => new { a.ThemeId, a.ReviewState }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var themes = await db.Themes.AsNoTracking().Where(t => t.Vision!.IsActive).OrderBy(t => t.SortOrder)
            .Select(t => new ThemeColumnDto(t.Id, t.Title)).ToListAsync(cancellationToken);

        var keyResults = await db.KeyResults.AsNoTracking()
            .Where(k => k.PeriodId == period.Id && !k.Goal!.IsArchived && k.Goal.OwnerUnit!.Path.StartsWith(path))
            .Select(k => new
            {
                k.Id,
                k.Title,
                k.GoalId,
                GoalTitle = k.Goal!.Title,
                GoalState = k.Goal.State,
                UnitId = k.Goal.OwnerUnitId,
                k.OwnerId,
                OwnerName = k.Owner!.Name,
                k.LastCheckInAt,
                k.CreatedAt,
                HasAction = db.Actions.Any(a => a.KeyResultId == k.Id && a.State != ActionState.Cancelled),
            })
            .ToListAsync(cancellationToken);
        var running = period.State == PeriodState.Active;
        var stale = keyResults.Where(k => running && k.GoalState == GoalState.Active && figures.IsStale(k.LastCheckInAt, k.CreatedAt)).ToList();

        var reviews = await db.GoalThemes.AsNoTracking()
            .Where(a => a.Goal!.PeriodId == period.Id && !a.Goal.IsArchived && a.Goal.OwnerUnit!.Path.StartsWith(path))
            .OrderBy(a => a.ReviewState != AlignmentReviewState.Proposed).ThenBy(a => a.Goal!.Title).ThenBy(a => a.Theme!.SortOrder)
            .Select(a => new AlignmentReviewItemDto
            {
                GoalId = a.GoalId,
                GoalTitle = a.Goal!.Title,
                OwnerUnitId = a.Goal.OwnerUnitId,
                OwnerUnitName = a.Goal.OwnerUnit!.Name,
                OwnerId = a.Goal.OwnerId,
                OwnerName = a.Goal.Owner!.Name,
                ThemeId = a.ThemeId,
                ThemeTitle = a.Theme!.Title,
                Rationale = a.Rationale,
                ReviewState = a.ReviewState,
                ReviewComment = a.ReviewComment,
            })
            .ToListAsync(cancellationToken);

        var stored = await db.PeriodFigures.AsNoTracking()
            .FirstOrDefaultAsync(f => f.PeriodId == period.Id && f.SubjectKind == FigureSubject.OrgUnit && f.SubjectId == unit.Id, cancellationToken);
        var trend = await db.ProgressSnapshots.AsNoTracking()
            .Where(s => s.PeriodId == period.Id && s.SubjectKind == FigureSubject.OrgUnit && s.SubjectId == unit.Id)
            .OrderBy(s => s.Date)
            .Select(s => new TrendPointDto(s.Date, s.Figures.Progress, false))
            .ToListAsync(cancellationToken);

        var canReview = period.State != PeriodState.Closed && access.RoleAt(path) >= Role.DepartmentHead;
        return new DepartmentOverviewDto
        {
            UnitId = unit.Id,
            UnitName = unit.Name,
            Period = period.ToDto(),
            Figures = figures.Area(stored?.Figures.Progress, stored?.Figures.Confidence, period),
            CanReview = canReview,
            StaleAfterDays = figures.StaleAfterDays,
            Reviews = [.. reviews.Select(r => r with { CanReview = canReview && r.OwnerId != access.PersonId })],
            Themes = themes,
            Goals = goals.Select(g => new MatrixRowDto(
                g.Id, g.Title, g.OwnerUnitName, g.State,
                g.ParentGoalId == null && !g.Alignments.Any(a => a.ReviewState != AlignmentReviewState.Rejected),
                figures.Goal(g.Progress, g.Confidence, g.State, false, period),
                g.Alignments.ToDictionary(a => a.ThemeId, a => a.ReviewState))).ToList(),
            KeyResultsWithoutActions = keyResults.Where(k => !k.HasAction).Select(k => new KeyResultGapDto(k.Id, k.Title, k.GoalId, k.GoalTitle, k.OwnerName, k.LastCheckInAt)).ToList(),
            StaleKeyResults = stale.Select(k => new KeyResultGapDto(k.Id, k.Title, k.GoalId, k.GoalTitle, k.OwnerName, k.LastCheckInAt)).ToList(),
            PeopleNotCheckedIn = stale.GroupBy(k => (k.OwnerId, k.OwnerName))
                .Select(p => new QuietPersonDto(p.Key.OwnerId, p.Key.OwnerName, p.Count(), p.Max(k => k.LastCheckInAt)))
                .OrderBy(p => p.LastCheckInAt ?? DateTime.MinValue).ThenBy(p => p.Name).ToList(),
            CollaborationsOut = await CrossingsAsync(period.Id, path, outgoing: true, cancellationToken),
            CollaborationsIn = await CrossingsAsync(period.Id, path, outgoing: false, cancellationToken),
            Trend = trend,
        };
    }

    /// <summary>
    /// Out: the subtree's goals (or their actions) linked to a unit or goal outside it, or to an external partner.
    /// In: goals (or actions) outside the subtree linked to a unit or goal inside it.
    /// </summary>
    private async Task<IReadOnlyList<CrossingDto>> CrossingsAsync(Guid periodId, string path, bool outgoing, CancellationToken ct)
    {
        var fromGoals =
            from c in db.Collaborations
            join g in db.Goals on c.GoalId equals g.Id
            where g.PeriodId == periodId && !g.IsArchived
            select new Crossing
            {
                OwnerPath = g.OwnerUnit!.Path,
                GoalId = g.Id,
                GoalTitle = g.Title,
                UnitName = g.OwnerUnit.Name,
                Kind = c.Kind,
                PartnerPath = c.PartnerUnit != null ? c.PartnerUnit.Path : c.PartnerGoal != null ? c.PartnerGoal.OwnerUnit!.Path : null,
                Partner = c.PartnerUnit != null ? c.PartnerUnit.Name : c.PartnerGoal != null ? c.PartnerGoal.Title : c.PartnerName,
                PartnerIsGoal = c.PartnerGoalId != null,
                Description = c.Description,
            };
        var fromActions =
            from c in db.Collaborations
            join a in db.Actions on c.ActionId equals a.Id
            where a.PeriodId == periodId && !a.Goal!.IsArchived
            select new Crossing
            {
                OwnerPath = a.OrgUnit!.Path,
                GoalId = a.GoalId,
                GoalTitle = a.Goal!.Title,
                UnitName = a.OrgUnit.Name,
                Kind = c.Kind,
                PartnerPath = c.PartnerUnit != null ? c.PartnerUnit.Path : c.PartnerGoal != null ? c.PartnerGoal.OwnerUnit!.Path : null,
                Partner = c.PartnerUnit != null ? c.PartnerUnit.Name : c.PartnerGoal != null ? c.PartnerGoal.Title : c.PartnerName,
                PartnerIsGoal = c.PartnerGoalId != null,
                Description = c.Description,
            };
        var rows = new List<Crossing>();
        foreach (var source in new[] { fromGoals, fromActions })
        {
            rows.AddRange(await (outgoing
                ? source.Where(x => x.OwnerPath.StartsWith(path) && (x.PartnerPath == null || !x.PartnerPath.StartsWith(path)))
                : source.Where(x => !x.OwnerPath.StartsWith(path) && x.PartnerPath != null && x.PartnerPath.StartsWith(path)))
                .AsNoTracking().ToListAsync(ct));
        }

        // A goal the caller may not read is named by its unit only, as on the goal page (CollaborationRules.VisibleTo).
        return [.. rows.OrderBy(r => r.UnitName).ThenBy(r => r.GoalTitle).Select(r => new CrossingDto(
            access.CanRead(r.OwnerPath) ? r.GoalId : null,
            access.CanRead(r.OwnerPath) ? r.GoalTitle : null,
            r.UnitName,
            r.Kind,
            r.PartnerIsGoal && (r.PartnerPath is null || !access.CanRead(r.PartnerPath)) ? null : r.Partner,
            r.Description))];
    }

    /// <summary>Init properties, not a positional record: EF composes the Where over them.</summary>
    private sealed class Crossing
    {
        public required string OwnerPath { get; init; }
        public Guid GoalId { get; init; }
        public required string GoalTitle { get; init; }
        public required string UnitName { get; init; }
        public CollaborationKind Kind { get; init; }
        public string? PartnerPath { get; init; }
        public string? Partner { get; init; }
        public bool PartnerIsGoal { get; init; }
        public required string Description { get; init; }
    }
}
