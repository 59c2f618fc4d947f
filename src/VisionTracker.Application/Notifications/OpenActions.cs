using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Notifications;

internal sealed record OpenAction(Guid Id, Guid GoalId, string Title, string GoalTitle, Guid OwnerId, string OwnerName, string UnitName, string UnitPath, DateOnly DueDate);

internal static class OpenActions
{
    public static Task<List<OpenAction>> DueBetweenAsync(IVisionTrackerDbContext db, DateOnly from, DateOnly to, CancellationToken ct) =>
        db.Actions.AsNoTracking()
            .Where(a => db.Periods.Any(p => p.Id == a.PeriodId && p.State == PeriodState.Active))
            .Where(FigureRules.OpenAction)
            .Where(a => !a.Goal!.IsArchived)
            .Where(a => a.DueDate != null && a.DueDate >= from && a.DueDate <= to)
            .Select(a => new OpenAction(a.Id, a.GoalId, a.Title, a.Goal!.Title, a.OwnerId, a.Owner!.Name, a.OrgUnit!.Name, a.OrgUnit.Path, a.DueDate!.Value))
            .ToListAsync(ct);
}
