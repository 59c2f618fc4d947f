using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.KeyResults;
using VisionTracker.Application.Notifications;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.MyWork;

/// <summary>
/// The caller's running key results (they own it or its goal; the goal Active in an Active period) with the figures of
/// their goals and themes: those that need a check-in (<see cref="CheckInCadence.NeedsCheckIn"/>) first, then the
/// longest unchecked.
/// </summary>
internal static class MyKeyResults
{
    public static async Task<IReadOnlyList<MyKeyResultDto>> ReadAsync(
        IVisionTrackerDbContext db, AccessPolicy access, FigureReader figures, CheckInCadence cadence, bool onlyDue, CancellationToken ct)
    {
        var me = access.PersonId;
        var now = figures.Now;
        var keyResults = await access.Scope(db.KeyResults.AsNoTracking(), k => k.Goal!.OwnerUnit!.Path)
            .Where(k => k.OwnerId == me || k.Goal!.OwnerId == me)
            .Where(k => k.Goal!.State == GoalState.Active && !k.Goal.IsArchived && k.Goal.Period!.State == PeriodState.Active)
            .Include(k => k.Milestones)
            .Include(k => k.Goal!).ThenInclude(g => g.Period)
            .AsSplitQuery()
            .ToListAsync(ct);
        keyResults = [.. keyResults.Where(k => !onlyDue || cadence.NeedsCheckIn(k.Goal!.OwnerUnitId, k.LastCheckInAt, k.CreatedAt, now))];

        var themes = await GoalThemeFigures.ReadAsync(
            db, figures, keyResults.DistinctBy(k => k.GoalId).ToDictionary(k => k.GoalId, k => k.Goal!.Period!), ct);

        return keyResults
            .Select(k =>
            {
                var period = k.Goal!.Period!;
                return new MyKeyResultDto
                {
                    KeyResult = KeyResultMapper.ToSummary(k, figures, k.Goal.State, k.Goal.IsArchived, period),
                    NeedsCheckIn = cadence.NeedsCheckIn(k.Goal.OwnerUnitId, k.LastCheckInAt, k.CreatedAt, now),
                    CheckInEveryDays = cadence.For(k.Goal.OwnerUnitId),
                    Figures = figures.Goal(k.Progress, k.Confidence, k.Goal.State, k.Goal.IsArchived, period),
                    Milestones = k.Milestones.OrderBy(m => m.SortOrder).Select(m => new MilestoneDto(m.Id, m.Title, m.SortOrder, m.Done)).ToList(),
                    GoalId = k.GoalId,
                    GoalTitle = k.Goal.Title,
                    GoalFigures = figures.Goal(k.Goal.Progress, k.Goal.Confidence, k.Goal.State, k.Goal.IsArchived, period),
                    PeriodName = period.Name,
                    Themes = themes[k.GoalId],
                };
            })
            .OrderByDescending(k => k.NeedsCheckIn)
            .ThenBy(k => k.KeyResult.LastCheckInAt ?? DateTime.MinValue)
            .ThenBy(k => k.GoalTitle).ThenBy(k => k.KeyResult.Title)
            .ToList();
    }
}
