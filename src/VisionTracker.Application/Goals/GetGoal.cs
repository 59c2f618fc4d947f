using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.CheckIns;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.Goals;

/// <summary>A goal with its key results, actions, alignments, collaborations and check-in history.</summary>
public sealed record GetGoalQuery(Guid Id) : IQuery<GoalDetailDto>;

public sealed class GetGoalHandler(IVisionTrackerDbContext db, AccessPolicy access, FigureReader figures) : IQueryHandler<GetGoalQuery, GoalDetailDto>
{
    public async ValueTask<GoalDetailDto> Handle(GetGoalQuery query, CancellationToken cancellationToken)
    {
        var goal = await db.Goals.AsNoTracking()
            .Include(g => g.OwnerUnit)
            .Include(g => g.Owner)
            .Include(g => g.Period)
            .Include(g => g.KeyResults)
            .Include(g => g.Alignments).ThenInclude(a => a.Theme)
            .Include(g => g.Collaborations).ThenInclude(c => c.PartnerUnit)
            .Include(g => g.Collaborations).ThenInclude(c => c.PartnerGoal!).ThenInclude(g => g.OwnerUnit)
            .AsSplitQuery()
            .FirstOrDefaultAsync(g => g.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("Goal", query.Id);
        access.EnsureCanRead(goal.OwnerUnit!.Path, "Goal", query.Id);

        var krIds = goal.KeyResults.Select(k => k.Id).ToList();
        var ownerOfKeyResult = goal.KeyResults.ToDictionary(k => k.Id, k => k.OwnerId);
        var actions = await db.Actions.AsNoTracking().Where(a => a.GoalId == goal.Id).ProjectToGoalActionDto().ToListAsync(cancellationToken);
        var checkIns = await db.CheckIns.AsNoTracking()
            .Where(c => c.KeyResultId != null && krIds.Contains(c.KeyResultId.Value))
            .OrderByDescending(c => c.At)
            .Take(200)
            .ProjectToDto()
            .ToListAsync(cancellationToken);
        var children = await db.Goals.AsNoTracking().Where(g => g.ParentGoalId == goal.Id).Select(g => g.Id).ToListAsync(cancellationToken);

        return new GoalDetailDto
        {
            Id = goal.Id,
            PeriodId = goal.PeriodId,
            PeriodName = goal.Period!.Name,
            OwnerUnitId = goal.OwnerUnitId,
            OwnerUnitName = goal.OwnerUnit.Name,
            OwnerId = goal.OwnerId,
            OwnerName = goal.Owner!.Name,
            Title = goal.Title,
            Description = goal.Description,
            CitizenValue = goal.CitizenValue,
            CoCreationLevel = goal.CoCreationLevel,
            GreenTransition = goal.GreenTransition,
            State = goal.State,
            IsArchived = goal.IsArchived,
            ParentGoalId = goal.ParentGoalId,
            CopiedFromGoalId = goal.CopiedFromGoalId,
            ChildGoalIds = children,
            Tags = goal.Tags,
            Figures = figures.Goal(goal.Progress, goal.Confidence, goal.State, goal.IsArchived, goal.Period),
            Alignments = goal.Alignments.OrderBy(a => a.Theme!.SortOrder).Select(a => a.ToDto()).ToList(),
            KeyResults = goal.KeyResults.OrderBy(k => k.CreatedAt).Select(k => KeyResults.KeyResultMapper.ToSummary(k, figures, goal.State, goal.IsArchived, goal.Period)).ToList(),
            Actions = actions,
            Collaborations = goal.Collaborations.VisibleTo(access),
            CheckIns = checkIns.AsSeenBy(access, goal.OwnerUnit.Path, c => [ownerOfKeyResult[c.KeyResultId!.Value], goal.OwnerId]),
            Version = goal.Version,
            CreatedAt = goal.CreatedAt,
            UpdatedAt = goal.UpdatedAt,
        };
    }
}
