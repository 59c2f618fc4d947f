using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Notifications;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Org;

public sealed record StaleKeyResultDto
{
    public Guid KeyResultId { get; init; }
    public required string Title { get; init; }
    public Guid GoalId { get; init; }
    public required string GoalTitle { get; init; }
    public Guid UnitId { get; init; }
    public required string UnitName { get; init; }
    public Guid OwnerId { get; init; }
    public required string OwnerName { get; init; }
    public required string PeriodName { get; init; }

    /// <summary>Null when it was never checked in on.</summary>
    public DateTime? LastCheckInAt { get; init; }

    /// <summary>The cadence it is held to: its goal's unit's, inherited down the tree, else the stale limit.</summary>
    public int CheckInEveryDays { get; init; }
}

/// <summary>
/// The running key results in a unit's subtree that need a check-in (<see cref="CheckInCadence.NeedsCheckIn"/>), the
/// longest unchecked first; in every Active period, or in the one named (none when it is not Active).
/// </summary>
public sealed record GetStaleKeyResultsQuery(Guid UnitId, Guid? PeriodId) : IQuery<IReadOnlyList<StaleKeyResultDto>>;

public sealed class GetStaleKeyResultsHandler(IVisionTrackerDbContext db, AccessPolicy access, FigureReader figures)
    : IQueryHandler<GetStaleKeyResultsQuery, IReadOnlyList<StaleKeyResultDto>>
{
    public async ValueTask<IReadOnlyList<StaleKeyResultDto>> Handle(GetStaleKeyResultsQuery query, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == query.UnitId, cancellationToken)
            ?? throw new NotFoundException("OrgUnit", query.UnitId);
        access.EnsureCanRead(unit.Path, "OrgUnit", unit.Id);
        if (query.PeriodId is { } periodId && !await db.Periods.AnyAsync(p => p.Id == periodId, cancellationToken))
        {
            throw new NotFoundException("Period", periodId);
        }

        var cadence = await CheckInCadence.LoadAsync(db, figures.StaleAfterDays, cancellationToken);
        var cutoff = figures.Now.AddDays(-cadence.Shortest);
        var rows = await db.KeyResults.AsNoTracking()
            .Where(k => k.Goal!.OwnerUnit!.Path.StartsWith(unit.Path))
            .Where(k => query.PeriodId == null || k.PeriodId == query.PeriodId)
            .Where(k => db.Periods.Any(p => p.Id == k.PeriodId && p.State == PeriodState.Active))
            .Where(FigureRules.GoalCounts.Over((KeyResult k) => k.Goal!.State, k => k.Goal!.IsArchived))
            .Where(FigureRules.Stale<KeyResult>(k => k.LastCheckInAt, k => k.CreatedAt, cutoff))
            .Select(k => new
            {
                k.Id,
                k.Title,
                k.GoalId,
                GoalTitle = k.Goal!.Title,
                UnitId = k.Goal.OwnerUnitId,
                UnitName = k.Goal.OwnerUnit!.Name,
                k.OwnerId,
                OwnerName = k.Owner!.Name,
                PeriodName = k.Goal.Period!.Name,
                k.LastCheckInAt,
                k.CreatedAt,
            })
            .ToListAsync(cancellationToken);

        return rows
            .Where(k => cadence.NeedsCheckIn(k.UnitId, k.LastCheckInAt, k.CreatedAt, figures.Now))
            .OrderBy(k => k.LastCheckInAt ?? k.CreatedAt).ThenBy(k => k.Title, StringComparer.Ordinal)
            .Select(k => new StaleKeyResultDto
            {
                KeyResultId = k.Id,
                Title = k.Title,
                GoalId = k.GoalId,
                GoalTitle = k.GoalTitle,
                UnitId = k.UnitId,
                UnitName = k.UnitName,
                OwnerId = k.OwnerId,
                OwnerName = k.OwnerName,
                PeriodName = k.PeriodName,
                LastCheckInAt = k.LastCheckInAt,
                CheckInEveryDays = cadence.For(k.UnitId),
            })
            .ToList();
    }
}
