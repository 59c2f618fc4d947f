using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.CheckIns;

/// <summary>An action's check-ins, newest first.</summary>
public sealed record GetActionCheckInsQuery(Guid ActionId, int? Skip, int? Take) : IQuery<PagedResult<CheckInDto>>, IPagedQuery;

public sealed class GetActionCheckInsValidator : AbstractValidator<GetActionCheckInsQuery>
{
    public GetActionCheckInsValidator() => Include(new PagingValidator());
}

public sealed class GetActionCheckInsHandler(IVisionTrackerDbContext db, AccessPolicy access)
    : IQueryHandler<GetActionCheckInsQuery, PagedResult<CheckInDto>>
{
    public async ValueTask<PagedResult<CheckInDto>> Handle(GetActionCheckInsQuery query, CancellationToken cancellationToken)
    {
        var path = await db.Actions.AsNoTracking().Where(a => a.Id == query.ActionId).Select(a => a.OrgUnit!.Path)
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Action", query.ActionId);
        access.EnsureCanRead(path, "Action", query.ActionId);
        return await db.CheckIns.AsNoTracking().Where(c => c.ActionId == query.ActionId)
            .NewestFirst().ProjectToDto().ToPageAsync(query.Skip, query.Take, cancellationToken);
    }
}
