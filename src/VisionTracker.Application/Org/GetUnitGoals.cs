using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Org;

/// <summary>A unit's goals in a period (its whole subtree) with its progress and alignment figures.</summary>
public sealed record GetUnitGoalsQuery(Guid UnitId, Guid PeriodId) : IQuery<UnitGoalsDto>;

public sealed class GetUnitGoalsHandler(IVisionTrackerDbContext db, AccessPolicy access, FigureReader figures) : IQueryHandler<GetUnitGoalsQuery, UnitGoalsDto>
{
    public async ValueTask<UnitGoalsDto> Handle(GetUnitGoalsQuery query, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == query.UnitId, cancellationToken)
            ?? throw new NotFoundException("OrgUnit", query.UnitId);
        access.EnsureCanRead(unit.Path, "OrgUnit", unit.Id);
        var period = await db.Periods.AsNoTracking().FirstOrDefaultAsync(p => p.Id == query.PeriodId, cancellationToken)
            ?? throw new NotFoundException("Period", query.PeriodId);
        var stored = await db.PeriodFigures.AsNoTracking()
            .FirstOrDefaultAsync(f => f.PeriodId == period.Id && f.SubjectKind == FigureSubject.OrgUnit && f.SubjectId == unit.Id, cancellationToken)
            ?? new PeriodFigure { SubjectKind = FigureSubject.OrgUnit, SubjectId = unit.Id, PeriodId = period.Id };

        var goals = await db.Goals.AsNoTracking()
            .Where(g => g.PeriodId == period.Id && !g.IsArchived && g.OwnerUnit!.Path.StartsWith(unit.Path))
            .OrderBy(g => g.OwnerUnit!.Path).ThenBy(g => g.Title)
            .Select(g => new
            {
                g.Id,
                g.Title,
                g.OwnerUnitId,
                OwnerUnitName = g.OwnerUnit!.Name,
                g.State,
                g.GreenTransition,
                g.CoCreationLevel,
                g.CrossesBoundary,
                g.ParentGoalId,
                g.Progress,
                g.Confidence,
                Themes = g.Alignments.AsQueryable().Where(FigureRules.CountingAlignment).Select(a => a.ThemeId).ToList(),
                KeyResults = g.KeyResults.Select(k => new { k.LastCheckInAt, k.CreatedAt }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var active = goals.Where(g => FigureRules.GoalCountsCompiled(g.State, false)).ToList();
        var stale = active.SelectMany(g => g.KeyResults).Count(k => figures.IsStale(k.LastCheckInAt, k.CreatedAt));

        static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;

        var cuts = new List<FigureCutDto>();
        void Cut(string dimension, string value, IEnumerable<double?> progress)
        {
            var list = progress.ToList();
            cuts.Add(new FigureCutDto(dimension, value, list.Count, Rollup.Mean(list)));
        }

        foreach (var green in new[] { true, false })
        {
            Cut("greenTransition", green ? "true" : "false", active.Where(g => g.GreenTransition == green).Select(g => g.Progress));
        }

        foreach (var level in Enum.GetValues<CoCreationLevel>())
        {
            Cut("coCreationLevel", level.ToString(), active.Where(g => g.CoCreationLevel == level).Select(g => g.Progress));
        }

        foreach (var crosses in new[] { true, false })
        {
            Cut("crossesBoundary", crosses ? "true" : "false", active.Where(g => g.CrossesBoundary == crosses).Select(g => g.Progress));
        }

        return new UnitGoalsDto
        {
            UnitId = unit.Id,
            UnitName = unit.Name,
            PeriodId = period.Id,
            PeriodName = period.Name,
            Figures = figures.Area(stored.Figures.Progress, stored.Figures.Confidence, period),
            Alignment = new AlignmentFiguresDto(
                stored.Figures.GoalCount, stored.Figures.KeyResultCount, stored.Figures.ActionCount, Share(stored.Figures.AlignedGoalCount, stored.Figures.GoalCount),
                Share(stored.Figures.KeyResultsWithActionCount, stored.Figures.KeyResultCount), stored.Figures.OrphanGoalCount,
                Share(stored.Figures.CollaboratingGoalCount, stored.Figures.GoalCount), stale),
            Cuts = cuts,
            Goals = goals.Select(g => new UnitGoalDto
            {
                Id = g.Id,
                Title = g.Title,
                OwnerUnitId = g.OwnerUnitId,
                OwnerUnitName = g.OwnerUnitName,
                State = g.State,
                GreenTransition = g.GreenTransition,
                CoCreationLevel = g.CoCreationLevel,
                CrossesBoundary = g.CrossesBoundary,
                IsOrphan = g.ParentGoalId == null && g.Themes.Count == 0,
                ThemeIds = g.Themes,
                Figures = figures.Goal(g.Progress, g.Confidence, g.State, false, period),
            }).ToList(),
        };
    }
}
