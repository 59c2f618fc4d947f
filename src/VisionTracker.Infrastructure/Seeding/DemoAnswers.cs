using VisionTracker.Domain.Reflections;

namespace VisionTracker.Infrastructure.Seeding;

/// <summary>The demo's answers to the programme's reflection questions, checked against the catalogue.</summary>
internal static class DemoAnswers
{
    public static IEnumerable<ReflectionAnswer> For(IReadOnlyDictionary<string, string>? answers, ReflectionScope scope, string where) =>
        (answers ?? new Dictionary<string, string>()).Select(a => ReflectionQuestions.IsAsked(a.Key, scope) && a.Value.Length <= ReflectionQuestions.MaxAnswerLength
            ? new ReflectionAnswer { QuestionKey = a.Key, Text = a.Value }
            : throw new InvalidOperationException($"The demo data's {where} answers '{a.Key}', which is no {scope} question of the catalogue (or too long)."));
}
