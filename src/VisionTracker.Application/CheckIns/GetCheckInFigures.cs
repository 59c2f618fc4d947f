using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.CheckIns;

/// <summary>What a check-in moved, as it now reads: its subject, the key result an action serves, the goal and its themes.</summary>
public sealed record CheckInFiguresDto
{
    public required FigureView Subject { get; init; }
    public Guid? KeyResultId { get; init; }
    public FigureView? KeyResult { get; init; }
    public Guid GoalId { get; init; }
    public required FigureView Goal { get; init; }

    /// <summary>The themes the goal serves (alignments not rejected), with their figures for the period.</summary>
    public IReadOnlyList<ThemeFigureDto> Themes { get; init; } = [];
}

public sealed record GetCheckInFiguresQuery(CheckInSubject Subject, Guid SubjectId) : IQuery<CheckInFiguresDto>;

public sealed class GetCheckInFiguresHandler(IVisionTrackerDbContext db, AccessPolicy access, FigureReader figures)
    : IQueryHandler<GetCheckInFiguresQuery, CheckInFiguresDto>
{
    public async ValueTask<CheckInFiguresDto> Handle(GetCheckInFiguresQuery query, CancellationToken cancellationToken)
    {
        var id = query.SubjectId;
        var resource = query.Subject.ToString();
        var action = query.Subject == CheckInSubject.Action
            ? await db.Actions.AsNoTracking().Where(a => a.Id == id)
                .Select(a => new { a.GoalId, a.KeyResultId, a.Progress, a.Confidence, a.State, a.OrgUnit!.Path }).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException(resource, id)
            : null;
        var keyResultId = action is null ? id : action.KeyResultId;
        var keyResult = keyResultId is null ? null
            : await db.KeyResults.AsNoTracking().Where(k => k.Id == keyResultId)
                .Select(k => new { k.GoalId, k.Progress, k.Confidence }).FirstOrDefaultAsync(cancellationToken);
        var goalId = action?.GoalId ?? keyResult?.GoalId ?? throw new NotFoundException(resource, id);
        var goal = await db.Goals.AsNoTracking().Include(g => g.Period).Include(g => g.OwnerUnit).FirstAsync(g => g.Id == goalId, cancellationToken);
        access.EnsureCanRead(action?.Path ?? goal.OwnerUnit!.Path, resource, id);

        var period = goal.Period!;
        var themes = await GoalThemeFigures.ReadAsync(db, figures, new Dictionary<Guid, Period> { [goalId] = period }, cancellationToken);
        var krView = keyResult is null ? null : figures.Goal(keyResult.Progress, keyResult.Confidence, goal.State, goal.IsArchived, period);
        return new CheckInFiguresDto
        {
            Subject = action is null ? krView! : figures.Action(action.Progress, action.Confidence, action.State, period),
            KeyResultId = keyResultId,
            KeyResult = krView,
            GoalId = goalId,
            Goal = figures.Goal(goal.Progress, goal.Confidence, goal.State, goal.IsArchived, period),
            Themes = themes[goalId],
        };
    }
}
