using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Goals;

public sealed record AlignmentReviewItemDto
{
    public Guid GoalId { get; init; }
    public required string GoalTitle { get; init; }
    public Guid OwnerUnitId { get; init; }
    public required string OwnerUnitName { get; init; }
    public Guid OwnerId { get; init; }
    public required string OwnerName { get; init; }
    public Guid ThemeId { get; init; }
    public required string ThemeTitle { get; init; }
    public required string Rationale { get; init; }
    public AlignmentReviewState ReviewState { get; init; }
    public string? ReviewComment { get; init; }

    /// <summary>The caller may decide this review: a department head or admin over the goal's unit, not its owner, in a period that is not closed.</summary>
    public bool CanReview { get; init; }
}

/// <summary>
/// A department head's review list: the alignments of goals in their subtree, those awaiting a decision first; in the
/// period named, else the Active one (the latest starting, when several are).
/// </summary>
public sealed record GetAlignmentReviewQuery(Guid? PeriodId, AlignmentReviewState? State, int? Skip, int? Take) : IQuery<PagedResult<AlignmentReviewItemDto>>, IPagedQuery;

public sealed class GetAlignmentReviewValidator : AbstractValidator<GetAlignmentReviewQuery>
{
    public GetAlignmentReviewValidator()
    {
        RuleFor(q => q.State).IsInEnum();
        Include(new PagingValidator());
    }
}

public sealed class GetAlignmentReviewHandler(IVisionTrackerDbContext db, AccessPolicy access)
    : IQueryHandler<GetAlignmentReviewQuery, PagedResult<AlignmentReviewItemDto>>
{
    public async ValueTask<PagedResult<AlignmentReviewItemDto>> Handle(GetAlignmentReviewQuery query, CancellationToken cancellationToken)
    {
        var period = query.PeriodId is { } id
            ? await db.Periods.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException("Period", id)
            : await db.Periods.AsNoTracking().Where(p => p.State == PeriodState.Active).OrderByDescending(p => p.Start).FirstOrDefaultAsync(cancellationToken)
                ?? throw new DomainRuleException(nameof(ErrorTexts.NoActivePeriod));
        var alignments = access.Scope(db.GoalThemes.AsNoTracking(), a => a.Goal!.OwnerUnit!.Path, Role.DepartmentHead)
            .Where(a => a.Goal!.PeriodId == period.Id && !a.Goal.IsArchived)
            .Where(a => query.State == null || a.ReviewState == query.State);
        var page = await alignments
            .OrderBy(a => a.ReviewState != AlignmentReviewState.Proposed).ThenBy(a => a.Goal!.Title).ThenBy(a => a.GoalId).ThenBy(a => a.ThemeId)
            .Select(a => new AlignmentReviewItemDto
            {
                GoalId = a.GoalId,
                GoalTitle = a.Goal!.Title,
                OwnerUnitId = a.Goal.OwnerUnitId,
                OwnerUnitName = a.Goal.OwnerUnit!.Name,
                OwnerId = a.Goal.OwnerId,
                OwnerName = a.Goal.Owner!.Name,
                ThemeId = a.ThemeId,
                ThemeTitle = a.Theme!.Title,
                Rationale = a.Rationale,
                ReviewState = a.ReviewState,
                ReviewComment = a.ReviewComment,
            })
            .ToPageAsync(query.Skip, query.Take, cancellationToken);
        var writable = period.State != PeriodState.Closed;
        return page with { Items = [.. page.Items.Select(r => r with { CanReview = writable && r.OwnerId != access.PersonId })] };
    }
}
