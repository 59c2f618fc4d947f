using VisionTracker.Domain.Reflections;

namespace VisionTracker.Application.Reflections;

/// <summary>An answer to one of the programme's reflection questions (<see cref="ReflectionQuestions"/>), by the question's key.</summary>
public sealed record ReflectionAnswerDto
{
    public required string QuestionKey { get; init; }
    public required string Text { get; init; }
}

/// <summary>A reflection question in both languages; <see cref="Scope"/> says whether a check-in or the foundation asks it.</summary>
public sealed record ReflectionQuestionDto(string Key, ReflectionScope Scope, string Danish, string English);
