using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Figures;

namespace VisionTracker.Application.Goals;

/// <summary>One point of a trend: a day's progress, from the nightly snapshot or from a check-in that day.</summary>
public sealed record TrendPointDto(DateOnly Date, double? Progress, bool FromCheckIn);

public sealed record KeyResultTrendDto(Guid KeyResultId, IReadOnlyList<TrendPointDto> Points);

/// <summary>A goal's history for trend charts: its own snapshots, and each key result's snapshots and check-ins.</summary>
public sealed record GoalHistoryDto(Guid GoalId, DateOnly PeriodStart, DateOnly PeriodEnd, IReadOnlyList<TrendPointDto> Goal, IReadOnlyList<KeyResultTrendDto> KeyResults);

public sealed record GetGoalHistoryQuery(Guid GoalId) : IQuery<GoalHistoryDto>;

public sealed class GetGoalHistoryHandler(IVisionTrackerDbContext db, AccessPolicy access) : IQueryHandler<GetGoalHistoryQuery, GoalHistoryDto>
{
    public async ValueTask<GoalHistoryDto> Handle(GetGoalHistoryQuery query, CancellationToken cancellationToken)
    {
        var goal = await db.Goals.AsNoTracking().Where(g => g.Id == query.GoalId)
            .Select(g => new { g.Id, g.OwnerUnit!.Path, g.Period!.Start, g.Period.End, g.PeriodId })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Goal", query.GoalId);
        access.EnsureCanRead(goal.Path, "Goal", goal.Id);

        var keyResults = await db.KeyResults.AsNoTracking().Where(k => k.GoalId == goal.Id).OrderBy(k => k.CreatedAt)
            .Select(k => new { k.Id, k.MetricKind, k.Direction, k.StartValue, k.TargetValue, Milestones = k.Milestones.Count })
            .ToListAsync(cancellationToken);
        var ids = keyResults.Select(k => k.Id).Append(goal.Id).ToList();
        var snapshots = await db.ProgressSnapshots.AsNoTracking()
            .Where(s => s.PeriodId == goal.PeriodId && (s.SubjectKind == FigureSubject.Goal || s.SubjectKind == FigureSubject.KeyResult) && ids.Contains(s.SubjectId))
            .OrderBy(s => s.Date)
            .Select(s => new { s.SubjectId, s.Date, s.Figures.Progress })
            .ToListAsync(cancellationToken);
        var krIds = keyResults.Select(k => k.Id).ToList();
        var checkIns = await db.CheckIns.AsNoTracking()
            .Where(c => c.KeyResultId != null && krIds.Contains(c.KeyResultId.Value))
            .OrderBy(c => c.At)
            .Select(c => new { KeyResultId = c.KeyResultId!.Value, c.At, c.Value })
            .ToListAsync(cancellationToken);

        List<TrendPointDto> Snapshots(Guid id) =>
            [.. snapshots.Where(s => s.SubjectId == id).Select(s => new TrendPointDto(s.Date, s.Progress, false))];

        var trends = keyResults.Select(k =>
        {
            // A check-in's value read as progress by the same rule as the key result (milestones: the number done).
            var fromCheckIns = checkIns.Where(c => c.KeyResultId == k.Id && c.Value is not null)
                .Select(c => new TrendPointDto(
                    DateOnly.FromDateTime(c.At),
                    Rollup.KeyResultProgress(k.MetricKind, k.Direction, k.StartValue, k.TargetValue, c.Value!.Value, (int)c.Value.Value, k.Milestones),
                    true));
            var points = Snapshots(k.Id).Concat(fromCheckIns)
                .GroupBy(p => p.Date)
                .Select(day => day.LastOrDefault(p => p.FromCheckIn) ?? day.Last())
                .OrderBy(p => p.Date)
                .ToList();
            return new KeyResultTrendDto(k.Id, points);
        }).ToList();

        return new GoalHistoryDto(goal.Id, goal.Start, goal.End, Snapshots(goal.Id), trends);
    }
}
