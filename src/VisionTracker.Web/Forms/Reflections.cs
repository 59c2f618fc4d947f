using System.Globalization;
using VisionTracker.Application.Reflections;
using VisionTracker.Domain.Reflections;

namespace VisionTracker.Web.Forms;

/// <summary>Reflection questions and answers as a page shows them: in the page's language, in the catalogue's order.</summary>
public static class Reflections
{
    public static bool Danish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName != "en";

    /// <summary>The question an answer replies to, in the page's language (the key, should the catalogue ever lose it).</summary>
    public static string QuestionOf(ReflectionAnswerDto answer) => ReflectionQuestions.Find(answer.QuestionKey)?.Text(Danish) ?? answer.QuestionKey;

    public static Dictionary<string, string?> AsValues(IEnumerable<ReflectionAnswerDto>? answers) =>
        (answers ?? []).ToDictionary(a => a.QuestionKey, a => (string?)a.Text);
}
