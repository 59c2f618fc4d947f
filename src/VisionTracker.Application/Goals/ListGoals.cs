using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Goals;

public sealed record ListGoalsQuery(
    Guid? PeriodId,
    Guid? UnitId,
    Guid? ThemeId,
    Guid? OwnerId,
    GoalState? State,
    string? Tag,
    bool? GreenTransition,
    bool IncludeArchived,
    int? Skip,
    int? Take) : IQuery<PagedResult<GoalSummaryDto>>, IPagedQuery;

public sealed class ListGoalsValidator : AbstractValidator<ListGoalsQuery>
{
    public ListGoalsValidator()
    {
        RuleFor(q => q.State).IsInEnum();
        Include(new PagingValidator());
        RuleFor(q => q.Tag).MaximumLength(40);
    }
}

public sealed class ListGoalsHandler(IVisionTrackerDbContext db, AccessPolicy access, FigureReader figures)
    : IQueryHandler<ListGoalsQuery, PagedResult<GoalSummaryDto>>
{
    public async ValueTask<PagedResult<GoalSummaryDto>> Handle(ListGoalsQuery q, CancellationToken cancellationToken)
    {
        var goals = access.Scope(db.Goals.AsNoTracking(), g => g.OwnerUnit!.Path);
        if (q.UnitId is { } unitId)
        {
            var path = await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("OrgUnit", unitId);
            goals = goals.Where(g => g.OwnerUnit!.Path.StartsWith(path));
        }

        goals = goals
            .Where(g => q.PeriodId == null || g.PeriodId == q.PeriodId)
            .Where(g => q.ThemeId == null || g.Alignments.Any(a => a.ThemeId == q.ThemeId))
            .Where(g => q.OwnerId == null || g.OwnerId == q.OwnerId)
            .Where(g => q.State == null || g.State == q.State)
            .Where(g => q.GreenTransition == null || g.GreenTransition == q.GreenTransition)
            .Where(g => q.IncludeArchived || !g.IsArchived);
        if (!string.IsNullOrWhiteSpace(q.Tag))
        {
            var tag = q.Tag.Trim().ToLowerInvariant();
            goals = goals.Where(g => g.Tags.Contains(tag));
        }

        var page = await goals.OrderBy(g => g.OwnerUnit!.Path).ThenBy(g => g.Title).ThenBy(g => g.Id)
            .Select(g => new
            {
                g.Id,
                g.PeriodId,
                PeriodName = g.Period!.Name,
                g.Period.Start,
                g.Period.End,
                PeriodState = g.Period.State,
                g.OwnerUnitId,
                OwnerUnitName = g.OwnerUnit!.Name,
                g.OwnerId,
                OwnerName = g.Owner!.Name,
                g.Title,
                g.State,
                g.IsArchived,
                g.GreenTransition,
                g.CoCreationLevel,
                g.ParentGoalId,
                g.Tags,
                ThemeIds = g.Alignments.Select(a => a.ThemeId).ToList(),
                g.Progress,
                g.Confidence,
                g.Version,
            })
            .ToPageAsync(q.Skip, q.Take, cancellationToken);

        return page.Map(g => new GoalSummaryDto
        {
            Id = g.Id,
            PeriodId = g.PeriodId,
            PeriodName = g.PeriodName,
            OwnerUnitId = g.OwnerUnitId,
            OwnerUnitName = g.OwnerUnitName,
            OwnerId = g.OwnerId,
            OwnerName = g.OwnerName,
            Title = g.Title,
            State = g.State,
            IsArchived = g.IsArchived,
            GreenTransition = g.GreenTransition,
            CoCreationLevel = g.CoCreationLevel,
            ParentGoalId = g.ParentGoalId,
            Tags = g.Tags,
            ThemeIds = g.ThemeIds,
            Figures = figures.Goal(g.Progress, g.Confidence, g.State, g.IsArchived, new(g.Start, g.End, g.PeriodState)),
            Version = g.Version,
        });
    }
}
