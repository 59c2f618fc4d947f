using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Reflections;

namespace VisionTracker.Application.Reflections;

/// <summary>
/// The one reading of answers sent with a check-in or a foundation: a map from question key to text. Every question is
/// optional; a blank answer is no answer; a key must name a question asked there; an answer holds at most
/// <see cref="ReflectionQuestions.MaxAnswerLength"/> characters.
/// </summary>
public static class ReflectionAnswers
{
    public static IRuleBuilderOptionsConditions<T, IReadOnlyDictionary<string, string?>?> ValidAnswers<T>(
        this IRuleBuilder<T, IReadOnlyDictionary<string, string?>?> rule, ReflectionScope scope) =>
        rule.Custom((answers, context) =>
        {
            foreach (var (key, text) in answers ?? new Dictionary<string, string?>())
            {
                if (!ReflectionQuestions.IsAsked(key, scope))
                {
                    var asked = string.Join(", ", ReflectionQuestions.For(scope).Select(q => q.Key));
                    context.AddFailure(new ValidationFailure($"Answers.{Shorten(key)}", ErrorMessage.Format(nameof(ErrorTexts.ReflectionQuestionNotAsked), CultureInfo.CurrentUICulture, [Shorten(key), asked]))
                    {
                        ErrorCode = nameof(ErrorTexts.ReflectionQuestionNotAsked),
                    });
                }
                else if (text?.Trim().Length > ReflectionQuestions.MaxAnswerLength)
                {
                    context.AddFailure(new ValidationFailure($"Answers.{key}", ErrorMessage.Format(nameof(ErrorTexts.ReflectionAnswerTooLong), CultureInfo.CurrentUICulture, [ReflectionQuestions.MaxAnswerLength]))
                    {
                        ErrorCode = "MaximumLengthValidator",
                        FormattedMessagePlaceholderValues = new Dictionary<string, object> { ["MaxLength"] = ReflectionQuestions.MaxAnswerLength },
                    });
                }
            }
        });

    /// <summary>The answers given (blank ones left out), trimmed, in the catalogue's order.</summary>
    public static List<ReflectionAnswerDto> Given(IReadOnlyDictionary<string, string?>? answers) =>
        ReflectionQuestions.All
            .Where(q => answers?.GetValueOrDefault(q.Key) is { } text && !string.IsNullOrWhiteSpace(text))
            .Select(q => new ReflectionAnswerDto { QuestionKey = q.Key, Text = answers![q.Key]!.Trim() })
            .ToList();

    public static List<ReflectionAnswer> ToEntities(IReadOnlyDictionary<string, string?>? answers) =>
        Given(answers).Select(a => new ReflectionAnswer { QuestionKey = a.QuestionKey, Text = a.Text }).ToList();

    /// <summary>Whether stored answers say what a request's answers say (a retried request, not a new one).</summary>
    public static bool Same(IEnumerable<ReflectionAnswerDto>? stored, IReadOnlyDictionary<string, string?>? requested) =>
        (stored ?? []).OrderBy(a => a.QuestionKey, StringComparer.Ordinal).SequenceEqual(Given(requested).OrderBy(a => a.QuestionKey, StringComparer.Ordinal));

    /// <summary>In catalogue order, as read back from storage.</summary>
    public static List<ReflectionAnswerDto> InCatalogueOrder(IEnumerable<ReflectionAnswerDto> answers) =>
        answers.OrderBy(a => Order(a.QuestionKey)).ToList();

    private static int Order(string key) => ReflectionQuestions.All.ToList().FindIndex(q => q.Key == key) is var i and >= 0 ? i : int.MaxValue;

    private static string Shorten(string key) => key.Length <= ReflectionQuestions.MaxKeyLength ? key : key[..ReflectionQuestions.MaxKeyLength] + "…";
}
