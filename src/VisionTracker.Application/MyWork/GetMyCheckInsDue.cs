using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Notifications;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.MyWork;

/// <summary>The caller's key results that need a check-in now (<see cref="CheckInCadence.NeedsCheckIn"/>), the longest unchecked first.</summary>
public sealed record GetMyCheckInsDueQuery : IQuery<IReadOnlyList<MyKeyResultDto>>;

public sealed class GetMyCheckInsDueHandler(IVisionTrackerDbContext db, AccessPolicy access, FigureReader figures)
    : IQueryHandler<GetMyCheckInsDueQuery, IReadOnlyList<MyKeyResultDto>>
{
    public async ValueTask<IReadOnlyList<MyKeyResultDto>> Handle(GetMyCheckInsDueQuery query, CancellationToken cancellationToken)
    {
        var cadence = await CheckInCadence.LoadAsync(db, figures.StaleAfterDays, cancellationToken);
        return await MyKeyResults.ReadAsync(db, access, figures, cadence, onlyDue: true, cancellationToken);
    }
}
