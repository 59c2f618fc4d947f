using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Notifications;

namespace VisionTracker.Application.Org;

/// <summary>
/// The running key results in a unit's subtree that need a check-in by their unit's cadence
/// (<see cref="CheckInCadence.NeedsCheckIn"/>, what the reminders follow), the longest unchecked first; in every Active
/// period, or in the one named.
/// </summary>
public sealed record GetKeyResultsNeedingCheckInQuery(Guid UnitId, Guid? PeriodId) : IQuery<IReadOnlyList<UncheckedKeyResultDto>>;

public sealed class GetKeyResultsNeedingCheckInHandler(IVisionTrackerDbContext db, SubtreeKeyResults subtree, FigureReader figures)
    : IQueryHandler<GetKeyResultsNeedingCheckInQuery, IReadOnlyList<UncheckedKeyResultDto>>
{
    public async ValueTask<IReadOnlyList<UncheckedKeyResultDto>> Handle(GetKeyResultsNeedingCheckInQuery query, CancellationToken cancellationToken)
    {
        var cadence = await CheckInCadence.LoadAsync(db, figures.StaleAfterDays, cancellationToken);
        return await subtree.UncheckedSinceAsync(
            query.UnitId, query.PeriodId, figures.Now.AddDays(-cadence.Shortest), cadence.For, figures.Now, cancellationToken);
    }
}
