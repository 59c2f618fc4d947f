using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Actions;

namespace VisionTracker.Application.Actions;

/// <summary>The caller's own actions: open ones first, each group soonest due first.</summary>
public sealed record GetMyActionsQuery(ActionState? State, int? Skip, int? Take) : IQuery<PagedResult<ActionSummaryDto>>, IPagedQuery;

public sealed class GetMyActionsValidator : AbstractValidator<GetMyActionsQuery>
{
    public GetMyActionsValidator()
    {
        RuleFor(q => q.State).IsInEnum();
        Include(new PagingValidator());
    }
}

public sealed class GetMyActionsHandler(IVisionTrackerDbContext db, AccessPolicy access, FigureReader figures)
    : IQueryHandler<GetMyActionsQuery, PagedResult<ActionSummaryDto>>
{
    public async ValueTask<PagedResult<ActionSummaryDto>> Handle(GetMyActionsQuery q, CancellationToken cancellationToken)
    {
        var me = access.PersonId;
        return await access.Scope(db.Actions.AsNoTracking(), a => a.OrgUnit!.Path)
            .Where(a => a.OwnerId == me)
            .Where(a => q.State == null || a.State == q.State)
            .OrderBy(a => a.State == ActionState.Done || a.State == ActionState.Cancelled)
            .ThenBy(a => a.DueDate == null).ThenBy(a => a.DueDate).ThenBy(a => a.Title).ThenBy(a => a.Id)
            .ToSummaryPageAsync(q.Skip, q.Take, figures, cancellationToken);
    }
}
