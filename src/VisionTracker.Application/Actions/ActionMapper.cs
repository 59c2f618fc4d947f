using VisionTracker.Application.CheckIns;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Goals;
using VisionTracker.Domain.Actions;

namespace VisionTracker.Application.Actions;

/// <summary>Plain mappings: every action DTO carries figures computed at read time, which Mapperly cannot express.</summary>
public static class ActionMapper
{
    public static ActionDetailDto ToDetail(LeaderAction a, IReadOnlyList<CheckInDto> checkIns, FigureReader figures) => new()
    {
        Id = a.Id,
        GoalId = a.GoalId,
        GoalTitle = a.Goal!.Title,
        KeyResultId = a.KeyResultId,
        KeyResultTitle = a.KeyResult?.Title,
        PeriodId = a.PeriodId,
        PeriodName = a.Goal.Period!.Name,
        OrgUnitId = a.OrgUnitId,
        OrgUnitName = a.OrgUnit!.Name,
        OwnerId = a.OwnerId,
        OwnerName = a.Owner!.Name,
        Title = a.Title,
        Description = a.Description,
        DueDate = a.DueDate,
        State = a.State,
        AllowedStates = LeaderAction.NextStates(a.State),
        CitizenValue = a.CitizenValue,
        CoCreationLevel = a.CoCreationLevel,
        GreenTransition = a.GreenTransition,
        ReportedProgress = a.ReportedProgress,
        Figures = figures.Action(a.Progress, a.Confidence, a.State, a.Goal.Period!),
        LastCheckInAt = a.LastCheckInAt,
        IsStale = LeaderAction.IsOpen(a.State) && figures.IsStale(a.LastCheckInAt, a.CreatedAt),
        Collaborations = a.Collaborations.OrderBy(c => c.CreatedAt).Select(c => c.ToDto()).ToList(),
        CheckIns = checkIns,
        Version = a.Version,
        CreatedAt = a.CreatedAt,
        UpdatedAt = a.UpdatedAt,
    };

    /// <summary>One page of summaries in one query, in the order the caller gave.</summary>
    public static async Task<PagedResult<ActionSummaryDto>> ToSummaryPageAsync(
        this IQueryable<LeaderAction> actions, int? skip, int? take, FigureReader figures, CancellationToken ct)
    {
        var page = await actions
            .Select(a => new
            {
                a.Id,
                a.GoalId,
                GoalTitle = a.Goal!.Title,
                a.KeyResultId,
                KeyResultTitle = a.KeyResult == null ? null : a.KeyResult.Title,
                a.PeriodId,
                a.Goal.Period!.Start,
                a.Goal.Period.End,
                PeriodState = a.Goal.Period.State,
                a.OrgUnitId,
                a.OwnerId,
                OwnerName = a.Owner!.Name,
                a.Title,
                a.DueDate,
                a.State,
                a.Progress,
                a.Confidence,
                a.LastCheckInAt,
                a.CreatedAt,
                a.Version,
            })
            .ToPageAsync(skip, take, ct);
        var items = page.Items.Select(a => new ActionSummaryDto
        {
            Id = a.Id,
            GoalId = a.GoalId,
            GoalTitle = a.GoalTitle,
            KeyResultId = a.KeyResultId,
            KeyResultTitle = a.KeyResultTitle,
            PeriodId = a.PeriodId,
            OrgUnitId = a.OrgUnitId,
            OwnerId = a.OwnerId,
            OwnerName = a.OwnerName,
            Title = a.Title,
            DueDate = a.DueDate,
            State = a.State,
            Figures = figures.Action(a.Progress, a.Confidence, a.State, new(a.Start, a.End, a.PeriodState)),
            LastCheckInAt = a.LastCheckInAt,
            IsStale = LeaderAction.IsOpen(a.State) && figures.IsStale(a.LastCheckInAt, a.CreatedAt),
            Version = a.Version,
        }).ToList();
        return new PagedResult<ActionSummaryDto>(items, page.TotalCount, page.Skip, page.Take);
    }

    /// <summary>Due first, undated last; ties by title, then id, so pages are stable.</summary>
    public static IOrderedQueryable<LeaderAction> InDueOrder(this IQueryable<LeaderAction> actions) =>
        actions.OrderBy(a => a.DueDate == null).ThenBy(a => a.DueDate).ThenBy(a => a.Title).ThenBy(a => a.Id);
}
