using System.Globalization;
using System.Resources;

[assembly: NeutralResourcesLanguage("da")]

namespace VisionTracker.Domain.Common;

/// <summary>The texts of errors, from Resources/Common/ErrorTexts (Danish, the organisation's default) and its English twin.</summary>
public static class ErrorMessage
{
    public static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>The languages errors are given in, the organisation's default first.</summary>
    public static readonly IReadOnlyList<CultureInfo> Cultures = [Danish, English];

    /// <summary>The supported culture for <paramref name="culture"/> (its language), else Danish.</summary>
    public static CultureInfo Supported(CultureInfo? culture) =>
        culture is not null && Cultures.FirstOrDefault(c => c.TwoLetterISOLanguageName == culture.TwoLetterISOLanguageName) is { } found ? found : Danish;

    public static string Format(string code, CultureInfo culture, IReadOnlyList<object?> arguments)
    {
        var language = Supported(culture);
        var text = ErrorTexts.ResourceManager.GetString(code, language)
            ?? throw new InvalidOperationException($"Error code '{code}' has no text.");
        return arguments.Count == 0
            ? text
            : string.Format(language, text, arguments.Select(a => a is ErrorPart part ? Format(part.Code, language, part.Arguments) : a).ToArray());
    }
}
