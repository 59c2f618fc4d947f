using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Goals;
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

        // Every check-in answer asks this: the subject with its goal, period and unit path in one statement, only the
        // columns the answer shows.
        var subject = query.Subject == CheckInSubject.Action
            ? await db.Actions.AsNoTracking().Where(a => a.Id == id)
                .Select(a => new Subject(
                    a.Progress, a.Confidence, a.State, a.OrgUnit!.Path, a.KeyResultId,
                    a.KeyResult == null ? null : (double?)a.KeyResult.Progress, a.KeyResult == null ? null : a.KeyResult.Confidence,
                    a.GoalId, a.Goal!.Progress, a.Goal.Confidence, a.Goal.State, a.Goal.IsArchived, a.Goal.Period!))
                .FirstOrDefaultAsync(cancellationToken)
            : await db.KeyResults.AsNoTracking().Where(k => k.Id == id)
                .Select(k => new Subject(
                    null, null, null, k.Goal!.OwnerUnit!.Path, k.Id, k.Progress, k.Confidence,
                    k.GoalId, k.Goal.Progress, k.Goal.Confidence, k.Goal.State, k.Goal.IsArchived, k.Goal.Period!))
                .FirstOrDefaultAsync(cancellationToken);
        if (subject is null)
        {
            throw new NotFoundException(resource, id);
        }

        access.EnsureCanRead(subject.Path, resource, id);
        var period = subject.Period;
        var themes = await GoalThemeFigures.ReadAsync(db, figures, new Dictionary<Guid, Period> { [subject.GoalId] = period }, cancellationToken);
        var krView = subject.KeyResultId is null ? null
            : figures.Goal(subject.KeyResultProgress, subject.KeyResultConfidence, subject.GoalState, subject.GoalArchived, period);
        return new CheckInFiguresDto
        {
            Subject = subject.ActionState is { } state ? figures.Action(subject.ActionProgress, subject.ActionConfidence, state, period) : krView!,
            KeyResultId = subject.KeyResultId,
            KeyResult = krView,
            GoalId = subject.GoalId,
            Goal = figures.Goal(subject.GoalProgress, subject.GoalConfidence, subject.GoalState, subject.GoalArchived, period),
            Themes = themes[subject.GoalId],
        };
    }

    private sealed record Subject(
        double? ActionProgress, double? ActionConfidence, ActionState? ActionState, string Path, Guid? KeyResultId,
        double? KeyResultProgress, double? KeyResultConfidence,
        Guid GoalId, double? GoalProgress, double? GoalConfidence, GoalState GoalState, bool GoalArchived, Period Period);
}
