using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Notifications;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Actions;
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
        var cadence = await CheckInCadence.LoadAsync(db, figures.StaleAfterDays, cancellationToken);
        return new MyWorkDto
        {
            Today = today,
            StaleAfterDays = figures.StaleAfterDays,
            KeyResults = await MyKeyResults.ReadAsync(db, access, figures, cadence, onlyDue: false, cancellationToken),
            ActionGroups = await ReadActionsAsync(me, today, cancellationToken),
        };
    }

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
                Figures = figures.Action(a.Progress, a.Confidence, a.State, new(a.Start, a.End, a.PeriodState)),
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
