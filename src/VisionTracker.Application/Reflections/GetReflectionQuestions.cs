using Mediator;
using VisionTracker.Domain.Reflections;

namespace VisionTracker.Application.Reflections;

/// <summary>The programme's reflection questions, the check-in's and the foundation's, in Danish and English.</summary>
public sealed record GetReflectionQuestionsQuery : IQuery<IReadOnlyList<ReflectionQuestionDto>>;

public sealed class GetReflectionQuestionsHandler : IQueryHandler<GetReflectionQuestionsQuery, IReadOnlyList<ReflectionQuestionDto>>
{
    public ValueTask<IReadOnlyList<ReflectionQuestionDto>> Handle(GetReflectionQuestionsQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<ReflectionQuestionDto>>(
            ReflectionQuestions.All.Select(q => new ReflectionQuestionDto(q.Key, q.Scope, q.Danish, q.English)).ToList());
}
