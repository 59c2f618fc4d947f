using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Goals;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.KeyResults;

public sealed record KeyResultDto
{
    public required KeyResultSummaryDto KeyResult { get; init; }
    public Guid GoalId { get; init; }
    public required string GoalTitle { get; init; }
    public IReadOnlyList<MilestoneDto> Milestones { get; init; } = [];
}

public sealed record MilestoneDto(Guid Id, string Title, int SortOrder, bool Done);

public sealed record GetKeyResultQuery(Guid Id) : IQuery<KeyResultDto>;

public sealed class GetKeyResultHandler(IVisionTrackerDbContext db, AccessPolicy access, FigureReader figures) : IQueryHandler<GetKeyResultQuery, KeyResultDto>
{
    public async ValueTask<KeyResultDto> Handle(GetKeyResultQuery query, CancellationToken cancellationToken)
    {
        var keyResult = await db.KeyResults.AsNoTracking().Include(k => k.Milestones).Include(k => k.Goal!).ThenInclude(g => g.OwnerUnit)
            .Include(k => k.Goal!).ThenInclude(g => g.Period)
            .AsSplitQuery()
            .FirstOrDefaultAsync(k => k.Id == query.Id, cancellationToken) ?? throw new NotFoundException("KeyResult", query.Id);
        access.EnsureCanRead(keyResult.Goal!.OwnerUnit!.Path, "KeyResult", query.Id);
        return new KeyResultDto
        {
            KeyResult = KeyResultMapper.ToSummary(keyResult, figures, keyResult.Goal.State, keyResult.Goal.IsArchived, keyResult.Goal.Period!),
            GoalId = keyResult.GoalId,
            GoalTitle = keyResult.Goal.Title,
            Milestones = keyResult.Milestones.OrderBy(m => m.SortOrder).Select(m => new MilestoneDto(m.Id, m.Title, m.SortOrder, m.Done)).ToList(),
        };
    }
}
