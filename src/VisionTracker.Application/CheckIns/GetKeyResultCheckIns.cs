using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.CheckIns;

/// <summary>A key result's check-ins, newest first.</summary>
public sealed record GetKeyResultCheckInsQuery(Guid KeyResultId, int? Skip, int? Take) : IQuery<PagedResult<CheckInDto>>, IPagedQuery;

public sealed class GetKeyResultCheckInsValidator : AbstractValidator<GetKeyResultCheckInsQuery>
{
    public GetKeyResultCheckInsValidator() => Include(new PagingValidator());
}

public sealed class GetKeyResultCheckInsHandler(IVisionTrackerDbContext db, AccessPolicy access)
    : IQueryHandler<GetKeyResultCheckInsQuery, PagedResult<CheckInDto>>
{
    public async ValueTask<PagedResult<CheckInDto>> Handle(GetKeyResultCheckInsQuery query, CancellationToken cancellationToken)
    {
        var path = await db.KeyResults.AsNoTracking().Where(k => k.Id == query.KeyResultId).Select(k => k.Goal!.OwnerUnit!.Path)
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("KeyResult", query.KeyResultId);
        access.EnsureCanRead(path, "KeyResult", query.KeyResultId);
        return await db.CheckIns.AsNoTracking().Where(c => c.KeyResultId == query.KeyResultId)
            .NewestFirst().ProjectToDto().ToPageAsync(query.Skip, query.Take, cancellationToken);
    }
}
