using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Actions;

namespace VisionTracker.Application.Actions;

/// <summary>The actions the caller may read, filtered by goal, owner, state and period; soonest due first.</summary>
public sealed record ListActionsQuery(Guid? GoalId, Guid? OwnerId, ActionState? State, Guid? PeriodId, int? Skip, int? Take)
    : IQuery<PagedResult<ActionSummaryDto>>, IPagedQuery;

public sealed class ListActionsValidator : AbstractValidator<ListActionsQuery>
{
    public ListActionsValidator()
    {
        RuleFor(q => q.State).IsInEnum();
        Include(new PagingValidator());
    }
}

public sealed class ListActionsHandler(IVisionTrackerDbContext db, AccessPolicy access, FigureReader figures)
    : IQueryHandler<ListActionsQuery, PagedResult<ActionSummaryDto>>
{
    public async ValueTask<PagedResult<ActionSummaryDto>> Handle(ListActionsQuery q, CancellationToken cancellationToken) =>
        await access.Scope(db.Actions.AsNoTracking(), a => a.OrgUnit!.Path)
            .Where(a => q.GoalId == null || a.GoalId == q.GoalId)
            .Where(a => q.OwnerId == null || a.OwnerId == q.OwnerId)
            .Where(a => q.State == null || a.State == q.State)
            .Where(a => q.PeriodId == null || a.PeriodId == q.PeriodId)
            .InDueOrder()
            .ToSummaryPageAsync(q.Skip, q.Take, figures, cancellationToken);
}
