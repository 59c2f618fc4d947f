using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Goals;
using VisionTracker.Application.KeyResults;
using VisionTracker.Application.Periods;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Visions;

/// <summary>
/// The active vision → its themes → the goals aligned to each → their key results → actions, with stored figures.
/// Goals are those the caller may read; theme and organisation figures are the stored, organisation-wide ones.
/// Without a period it shows the active period (or the latest one). Filters keep the goals of a unit's subtree, with or
/// without the green-transition tag, at a co-creation level, or with or without boundary-crossing collaboration; with a
/// filter, each theme's figures are the cut over the goals it keeps (<see cref="ThemeNodeDto.IsCut"/>).
/// </summary>
public sealed record GetVisionTreeQuery(
    Guid? PeriodId, Guid? UnitId = null, bool? GreenTransition = null, CoCreationLevel? CoCreationLevel = null, bool? CrossesBoundary = null)
    : IQuery<VisionTreeDto>
{
    public bool IsFiltered => UnitId is not null || GreenTransition is not null || CoCreationLevel is not null || CrossesBoundary is not null;
}

public sealed class GetVisionTreeHandler(IVisionTrackerDbContext db, AccessPolicy access, FigureReader figures) : IQueryHandler<GetVisionTreeQuery, VisionTreeDto>
{
    public async ValueTask<VisionTreeDto> Handle(GetVisionTreeQuery query, CancellationToken cancellationToken)
    {
        var vision = await db.Visions.AsNoTracking().Include(v => v.Themes).FirstOrDefaultAsync(v => v.IsActive, cancellationToken)
            ?? throw new NotFoundException("Vision", "active");
        var period = await FindPeriodAsync(query.PeriodId, cancellationToken);
        var stored = await db.PeriodFigures.AsNoTracking().Where(f => f.PeriodId == period.Id).ToListAsync(cancellationToken);
        var rootId = await db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);

        var unitPath = query.UnitId is { } unitId
            ? await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("OrgUnit", unitId)
            : null;
        var goals = await access.Scope(db.Goals.AsNoTracking(), g => g.OwnerUnit!.Path)
            .Where(g => g.PeriodId == period.Id && !g.IsArchived)
            .Where(g => unitPath == null || g.OwnerUnit!.Path.StartsWith(unitPath))
            .Where(g => query.GreenTransition == null || g.GreenTransition == query.GreenTransition)
            .Where(g => query.CoCreationLevel == null || g.CoCreationLevel == query.CoCreationLevel)
            .Where(g => query.CrossesBoundary == null || g.CrossesBoundary == query.CrossesBoundary)
            .OrderBy(g => g.Title)
            .Select(g => new
            {
                g.Id,
                g.Title,
                g.OwnerUnitId,
                OwnerUnitName = g.OwnerUnit!.Name,
                OwnerName = g.Owner!.Name,
                g.ParentGoalId,
                g.State,
                g.Progress,
                g.Confidence,
                Themes = g.Alignments.Where(a => a.ReviewState != Domain.Goals.AlignmentReviewState.Rejected).Select(a => a.ThemeId).ToList(),
            })
            .ToListAsync(cancellationToken);
        var goalIds = goals.Select(g => g.Id).ToList();
        var keyResults = await db.KeyResults.AsNoTracking().Where(k => goalIds.Contains(k.GoalId)).OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);
        var actions = await db.Actions.AsNoTracking().Where(a => goalIds.Contains(a.GoalId)).ProjectToGoalActionDto().ToListAsync(cancellationToken);
        var krsByGoal = keyResults.ToLookup(k => k.GoalId);
        var actionsByGoal = actions.ToLookup(a => a.GoalId);

        var nodes = goals.ToDictionary(g => g.Id, g => new GoalNodeDto
        {
            Id = g.Id,
            Title = g.Title,
            OwnerUnitId = g.OwnerUnitId,
            OwnerUnitName = g.OwnerUnitName,
            OwnerName = g.OwnerName,
            ParentGoalId = g.ParentGoalId,
            State = g.State.ToString(),
            Figures = figures.View(g.Progress, g.Confidence, period),
            KeyResults = krsByGoal[g.Id].Select(k => new KeyResultNodeDto
            {
                KeyResult = KeyResultMapper.ToSummary(k, figures),
                Actions = actionsByGoal[g.Id].Where(a => a.KeyResultId == k.Id).ToList(),
            }).ToList(),
            Actions = actionsByGoal[g.Id].Where(a => a.KeyResultId == null).ToList(),
        });

        FigureView ThemeView(Guid themeId)
        {
            if (!query.IsFiltered)
            {
                return ViewOf(FigureSubject.Theme, themeId);
            }

            var counted = goals.Where(g => g.Themes.Contains(themeId) && g.State == GoalState.Active).ToList();
            return figures.View(Rollup.Mean(counted.Select(g => g.Progress)), Rollup.MinConfidence(counted.Select(g => g.Confidence)), period);
        }

        FigureView ViewOf(FigureSubject kind, Guid id)
        {
            var f = stored.FirstOrDefault(s => s.SubjectKind == kind && s.SubjectId == id);
            return figures.View(f?.Figures.Progress, f?.Figures.Confidence, period);
        }

        return new VisionTreeDto
        {
            VisionId = vision.Id,
            VisionTitle = vision.Title,
            Narrative = vision.Narrative,
            Period = period.ToDto(),
            Figures = ViewOf(FigureSubject.OrgUnit, rootId),
            Themes = vision.Themes.OrderBy(t => t.SortOrder).Select(t => new ThemeNodeDto
            {
                Id = t.Id,
                Title = t.Title,
                Description = t.Description,
                Figures = ThemeView(t.Id),
                IsCut = query.IsFiltered,
                GoalCount = query.IsFiltered
                    ? goals.Count(g => g.Themes.Contains(t.Id) && g.State == GoalState.Active)
                    : stored.FirstOrDefault(s => s.SubjectKind == FigureSubject.Theme && s.SubjectId == t.Id)?.Figures.GoalCount ?? 0,
                Goals = goals.Where(g => g.Themes.Contains(t.Id)).Select(g => nodes[g.Id]).ToList(),
            }).ToList(),
            UnalignedGoals = goals.Where(g => g.Themes.Count == 0).Select(g => nodes[g.Id]).ToList(),
        };
    }

    private async Task<Period> FindPeriodAsync(Guid? id, CancellationToken ct)
    {
        if (id is { } periodId)
        {
            return await db.Periods.AsNoTracking().FirstOrDefaultAsync(p => p.Id == periodId, ct) ?? throw new NotFoundException("Period", periodId);
        }

        return await db.Periods.AsNoTracking().OrderBy(p => p.State != PeriodState.Active).ThenByDescending(p => p.Start).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Period", "active");
    }
}
