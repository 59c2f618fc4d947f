using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.CheckIns;

public enum CheckInSubject
{
    KeyResult,
    Action,
}

/// <summary>A key result's or an action's check-ins, newest first; 404 when the caller may not read it.</summary>
public sealed record GetCheckInsQuery(CheckInSubject Subject, Guid SubjectId, int? Skip, int? Take) : IQuery<PagedResult<CheckInDto>>, IPagedQuery;

public sealed class GetCheckInsValidator : AbstractValidator<GetCheckInsQuery>
{
    public GetCheckInsValidator()
    {
        RuleFor(q => q.Subject).IsInEnum();
        Include(new PagingValidator());
    }
}

public sealed class GetCheckInsHandler(IVisionTrackerDbContext db, AccessPolicy access) : IQueryHandler<GetCheckInsQuery, PagedResult<CheckInDto>>
{
    public async ValueTask<PagedResult<CheckInDto>> Handle(GetCheckInsQuery query, CancellationToken cancellationToken)
    {
        var id = query.SubjectId;
        var onKeyResult = query.Subject == CheckInSubject.KeyResult;
        var subject = onKeyResult
            ? await db.KeyResults.AsNoTracking().Where(k => k.Id == id)
                .Select(k => new { k.Goal!.OwnerUnit!.Path, Owners = new[] { k.OwnerId, k.Goal.OwnerId } }).FirstOrDefaultAsync(cancellationToken)
            : await db.Actions.AsNoTracking().Where(a => a.Id == id)
                .Select(a => new { a.OrgUnit!.Path, Owners = new[] { a.OwnerId } }).FirstOrDefaultAsync(cancellationToken);
        var resource = query.Subject.ToString();
        access.EnsureCanRead(subject?.Path ?? throw new NotFoundException(resource, id), resource, id);
        var checkIns = onKeyResult ? db.CheckIns.Where(c => c.KeyResultId == id) : db.CheckIns.Where(c => c.ActionId == id);
        var page = await checkIns.AsNoTracking().NewestFirst().ProjectToDto().ToPageAsync(query.Skip, query.Take, cancellationToken);
        return page with { Items = page.Items.AsSeenBy(access, subject.Path, subject.Owners) };
    }
}
