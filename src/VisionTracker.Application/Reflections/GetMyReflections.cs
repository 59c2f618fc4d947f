using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Reflections;

namespace VisionTracker.Application.Reflections;

/// <summary>
/// The caller's own reflections over time: their check-ins that carry a note or an answer to a reflection question,
/// newest first, optionally only on one goal or key result, only with an answer to one question, and only from/to a
/// day (inclusive, the organisation's days). Only check-ins in units the caller still reads.
/// </summary>
public sealed record GetMyReflectionsQuery(Guid? GoalId, Guid? KeyResultId, string? Question, DateOnly? From, DateOnly? To, int? Skip, int? Take)
    : IQuery<PagedResult<MyReflectionDto>>, IPagedQuery;

public sealed class GetMyReflectionsValidator : AbstractValidator<GetMyReflectionsQuery>
{
    public GetMyReflectionsValidator()
    {
        RuleFor(q => q.Question).Must(k => k is null || ReflectionQuestions.Find(k) is not null)
            .WithText(nameof(ErrorTexts.ReflectionQuestionUnknown), string.Join(", ", ReflectionQuestions.All.Select(q => q.Key)));
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithText(nameof(ErrorTexts.ToBeforeFrom));
        Include(new PagingValidator());
    }
}

public sealed class GetMyReflectionsHandler(IVisionTrackerDbContext db, AccessPolicy access)
    : IQueryHandler<GetMyReflectionsQuery, PagedResult<MyReflectionDto>>
{
    public async ValueTask<PagedResult<MyReflectionDto>> Handle(GetMyReflectionsQuery query, CancellationToken cancellationToken)
    {
        var me = access.PersonId;
        var mine = db.CheckIns.AsNoTracking().Where(c => c.PersonId == me && (c.Note != "" || c.Answers.Any()));
        if (query.Question is { } key)
        {
            mine = mine.Where(c => c.Answers.Any(a => a.QuestionKey == key));
        }

        if (query.From is { } from)
        {
            mine = mine.Where(c => c.LocalDate >= from);
        }

        if (query.To is { } to)
        {
            mine = mine.Where(c => c.LocalDate <= to);
        }

        if (query.KeyResultId is { } keyResultId)
        {
            mine = mine.Where(c => c.KeyResultId == keyResultId || db.Actions.Any(a => a.Id == c.ActionId && a.KeyResultId == keyResultId));
        }

        var rows =
            from c in mine
            join unit in db.OrgUnits on c.OrgUnitId equals unit.Id
            join k in db.KeyResults on c.KeyResultId equals (Guid?)k.Id into keyResults
            from k in keyResults.DefaultIfEmpty()
            join a in db.Actions on c.ActionId equals (Guid?)a.Id into actions
            from a in actions.DefaultIfEmpty()
            let goalId = k != null ? k.GoalId : a!.GoalId
            select new { c, unit.Path, k, a, goalId };
        if (query.GoalId is { } goal)
        {
            rows = rows.Where(r => r.goalId == goal);
        }

        var page = await access.Scope(rows, r => r.Path)
            .OrderByDescending(r => r.c.At).ThenByDescending(r => r.c.Id)
            .Select(r => new MyReflectionDto
            {
                CheckInId = r.c.Id,
                At = r.c.At,
                LocalDate = r.c.LocalDate,
                GoalId = r.goalId,
                GoalTitle = db.Goals.Where(g => g.Id == r.goalId).Select(g => g.Title).First(),
                KeyResultId = r.c.KeyResultId,
                KeyResultTitle = r.k != null ? r.k.Title : null,
                ActionId = r.c.ActionId,
                ActionTitle = r.a != null ? r.a.Title : null,
                Confidence = r.c.Confidence,
                Note = r.c.Note,
                Answers = r.c.Answers.Select(a => new ReflectionAnswerDto { QuestionKey = a.QuestionKey, Text = a.Text }).ToList(),
            })
            .ToPageAsync(query.Skip, query.Take, cancellationToken);
        return page.Map(r => r with { Answers = ReflectionAnswers.InCatalogueOrder(r.Answers) });
    }
}
