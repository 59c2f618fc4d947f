using System.Globalization;

namespace VisionTracker.Domain.Common;

/// <summary>
/// An error a client may see: a stable, language-neutral code (the key of its text in Resources/Common/ErrorTexts) and
/// the values its text names, so the text can be given in any supported language. The message is in the current UI
/// culture (the caller's, inside a request).
/// </summary>
public abstract class CodedException(string code, object?[] arguments)
    : Exception(ErrorMessage.Format(code, CultureInfo.CurrentUICulture, arguments))
{
    public string Code { get; } = code;

    public IReadOnlyList<object?> Arguments { get; } = arguments;

    public string MessageIn(CultureInfo culture) => ErrorMessage.Format(Code, culture, Arguments);
}

/// <summary>A value inside an error text that is itself a text (a resource name, an activity), given in the same language.</summary>
public sealed record ErrorPart(string Code, params object?[] Arguments);
