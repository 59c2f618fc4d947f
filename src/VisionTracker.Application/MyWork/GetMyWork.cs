using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.KeyResults;
using VisionTracker.Application.Notifications;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.MyWork;

/// <summary>The caller's key results to check in on and open actions, with the figures of the goals and themes they move.</summary>
public sealed record GetMyWorkQuery : IQuery<MyWorkDto>;

public sealed class GetMyWorkHandler(IVisionTrackerDbContext db, AccessPolicy access, FigureReader figures, IOptions<NotificationOptions> options)
    : IQueryHandler<GetMyWorkQuery, MyWorkDto>
{
    public async ValueTask<MyWorkDto> Handle(GetMyWorkQuery query, CancellationToken cancellationToken)
    {
        var me = access.PersonId;
        var today = figures.Today;
        var keyResults = await access.Scope(db.KeyResults.AsNoTracking(), k => k.Goal!.OwnerUnit!.Path)
            .Where(k => k.OwnerId == me || k.Goal!.OwnerId == me)
            .Where(k => k.Goal!.State == GoalState.Active && !k.Goal.IsArchived && k.Goal.Period!.State == PeriodState.Active)
            .Include(k => k.Milestones)
            .Include(k => k.Goal!).ThenInclude(g => g.Period)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        var goalIds = keyResults.Select(k => k.GoalId).Distinct().ToList();
        var periodIds = keyResults.Select(k => k.PeriodId).Distinct().ToList();
        var alignments = await db.GoalThemes.AsNoTracking()
            .Where(a => goalIds.Contains(a.GoalId) && a.ReviewState != AlignmentReviewState.Rejected)
            .OrderBy(a => a.Theme!.SortOrder)
            .Select(a => new { a.GoalId, a.ThemeId, a.Theme!.Title })
            .ToListAsync(cancellationToken);
        var themeFigures = await db.PeriodFigures.AsNoTracking()
            .Where(f => f.SubjectKind == FigureSubject.Theme && periodIds.Contains(f.PeriodId))
            .ToDictionaryAsync(f => (f.PeriodId, f.SubjectId), cancellationToken);

        var items = keyResults
            .Select(k =>
            {
                var period = k.Goal!.Period!;
                var summary = KeyResultMapper.ToSummary(k, figures);
                return new MyKeyResultDto
                {
                    KeyResult = summary,
                    Figures = figures.View(k.Progress, k.Confidence, period),
                    Milestones = k.Milestones.OrderBy(m => m.SortOrder).Select(m => new MilestoneDto(m.Id, m.Title, m.SortOrder, m.Done)).ToList(),
                    GoalId = k.GoalId,
                    GoalTitle = k.Goal.Title,
                    GoalFigures = figures.View(k.Goal.Progress, k.Goal.Confidence, period),
                    PeriodName = period.Name,
                    Themes = alignments.Where(a => a.GoalId == k.GoalId)
                        .Select(a => new ThemeFigureDto(a.ThemeId, a.Title, ThemeView(themeFigures.GetValueOrDefault((k.PeriodId, a.ThemeId)), period)))
                        .ToList(),
                };
            })
            .OrderByDescending(k => k.KeyResult.IsStale)
            .ThenBy(k => k.KeyResult.LastCheckInAt ?? DateTime.MinValue)
            .ThenBy(k => k.GoalTitle).ThenBy(k => k.KeyResult.Title)
            .ToList();

        return new MyWorkDto
        {
            Today = today,
            StaleAfterDays = figures.StaleAfterDays,
            KeyResults = items,
            ActionGroups = await ReadActionsAsync(me, today, cancellationToken),
        };
    }

    private FigureView ThemeView(PeriodFigure? stored, Period period) => figures.View(stored?.Figures.Progress, stored?.Figures.Confidence, period);

    private async Task<IReadOnlyList<MyActionGroupDto>> ReadActionsAsync(Guid me, DateOnly today, CancellationToken ct)
    {
        var dueSoonUntil = today.AddDays(options.Value.DueSoonDays);
        var actions = await access.Scope(db.Actions.AsNoTracking(), a => a.OrgUnit!.Path)
            .Where(a => a.OwnerId == me && !a.Goal!.IsArchived && a.Goal.Period!.State != PeriodState.Closed)
            .Where(a => a.State == ActionState.Planned || a.State == ActionState.InProgress || a.State == ActionState.Blocked)
            .Select(a => new
            {
                a.Id,
                a.GoalId,
                GoalTitle = a.Goal!.Title,
                a.Title,
                KeyResultTitle = a.KeyResult == null ? null : a.KeyResult.Title,
                a.State,
                a.DueDate,
                a.ReportedProgress,
                a.Progress,
                a.Confidence,
                a.Version,
                a.Goal.Period!.Start,
                a.Goal.Period.End,
                PeriodState = a.Goal.Period.State,
            })
            .ToListAsync(ct);

        return actions
            .Select(a => new MyActionDto
            {
                Id = a.Id,
                GoalId = a.GoalId,
                Title = a.Title,
                KeyResultTitle = a.KeyResultTitle,
                State = a.State,
                AllowedStates = LeaderAction.NextStates(a.State),
                DueDate = a.DueDate,
                IsOverdue = a.DueDate < today,
                IsDueSoon = a.DueDate >= today && a.DueDate <= dueSoonUntil,
                ReportedProgress = a.ReportedProgress,
                Figures = figures.View(a.Progress, a.Confidence, a.Start, a.End),
                CanCheckIn = a.PeriodState == PeriodState.Active,
                Version = a.Version,
            })
            .GroupBy(a => (a.GoalId, actions.First(x => x.GoalId == a.GoalId).GoalTitle))
            .Select(g => new MyActionGroupDto(g.Key.GoalId, g.Key.GoalTitle,
                g.OrderBy(a => a.DueDate ?? DateOnly.MaxValue).ThenBy(a => a.Title).ToList()))
            .OrderBy(g => g.Actions[0].DueDate ?? DateOnly.MaxValue).ThenBy(g => g.GoalTitle)
            .ToList();
    }
}
