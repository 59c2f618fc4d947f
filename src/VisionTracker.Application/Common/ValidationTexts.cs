using System.Globalization;
using FluentValidation;
using VisionTracker.Domain.Common;

namespace VisionTracker.Application.Common;

/// <summary>
/// How a validator states a message of our own: <c>.WithText(nameof(ErrorTexts.X), args)</c>. The key becomes the
/// failure's error code (stable, language-neutral) and the text comes from ErrorTexts in the caller's language (the
/// current UI culture, which the request's localization sets). FluentValidation's built-in messages come from its own
/// LanguageManager in the same culture.
/// </summary>
public static class ValidationTexts
{
    public static IRuleBuilderOptions<T, TProperty> WithText<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, string code, params object?[] arguments) =>
        rule.WithErrorCode(code).WithMessage(_ => ErrorMessage.Format(code, CultureInfo.CurrentUICulture, arguments));
}
