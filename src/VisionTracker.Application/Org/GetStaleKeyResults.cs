using Mediator;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Figures;

namespace VisionTracker.Application.Org;

/// <summary>
/// The stale key results in a unit's subtree (domain.md: no check-in for the configured <c>Figures:StaleAfterDays</c>,
/// <see cref="Rollup.IsStale"/>), the longest unchecked first; in every Active period, or in the one named.
/// </summary>
public sealed record GetStaleKeyResultsQuery(Guid UnitId, Guid? PeriodId) : IQuery<IReadOnlyList<UncheckedKeyResultDto>>;

public sealed class GetStaleKeyResultsHandler(SubtreeKeyResults subtree, FigureReader figures)
    : IQueryHandler<GetStaleKeyResultsQuery, IReadOnlyList<UncheckedKeyResultDto>>
{
    public async ValueTask<IReadOnlyList<UncheckedKeyResultDto>> Handle(GetStaleKeyResultsQuery query, CancellationToken cancellationToken) =>
        await subtree.UncheckedSinceAsync(
            query.UnitId, query.PeriodId, Rollup.StaleCutoff(figures.Now, figures.StaleAfterDays), _ => figures.StaleAfterDays, figures.Now, cancellationToken);
}
