using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using FluentValidation;
using VisionTracker.Domain.Common;

namespace VisionTracker.UnitTests.Errors;

public sealed partial class ErrorTextsTests
{
    private static Dictionary<string, string> Texts(CultureInfo culture, bool tryParents) =>
        ErrorTexts.ResourceManager.GetResourceSet(culture, createIfNotExists: true, tryParents)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    [Fact]
    public void ErrorTexts_EveryKey_HasADanishAndAnEnglishTextWithTheSamePlaceholders()
    {
        var danish = Texts(CultureInfo.InvariantCulture, tryParents: false);
        var english = Texts(ErrorMessage.English, tryParents: false);

        danish.Count.ShouldBeGreaterThan(150);
        english.Keys.Order().ShouldBe(danish.Keys.Order(), "every key needs both texts: Resources/Common/ErrorTexts.resx (Danish) and ErrorTexts.en.resx");
        foreach (var (key, da) in danish)
        {
            da.ShouldNotBeNullOrWhiteSpace(key);
            english[key].ShouldNotBeNullOrWhiteSpace(key);
            Placeholders(da).ShouldBe(Placeholders(english[key]), key);
            if (da.Any(char.IsLetter))
            {
                da.ShouldNotBe(english[key], $"{key} has no Danish text of its own");
            }
        }
    }

    [Fact]
    public void ErrorMessage_ForEveryLanguage_FormatsInThatLanguageAndFallsBackToDanish()
    {
        var args = new object?[] { new ErrorPart(nameof(ErrorTexts.ResourceGoal)), "42" };

        ErrorMessage.Format(nameof(ErrorTexts.NotFound), ErrorMessage.Danish, args).ShouldBe("Målet '42' findes ikke.");
        ErrorMessage.Format(nameof(ErrorTexts.NotFound), CultureInfo.GetCultureInfo("en-GB"), args).ShouldBe("Goal '42' was not found.");
        ErrorMessage.Format(nameof(ErrorTexts.NotFound), CultureInfo.GetCultureInfo("fr"), args).ShouldBe("Målet '42' findes ikke.");
    }

    [Fact]
    public void CodedException_Code_IsTheSameWhateverTheLanguage()
    {
        var rule = new DomainRuleException(nameof(ErrorTexts.PeriodClosed), "2027 H1");

        rule.Code.ShouldBe("PeriodClosed");
        rule.MessageIn(ErrorMessage.Danish).ShouldBe("Perioden '2027 H1' er afsluttet; dens mål, nøgleresultater, handlinger og tjek-ind kan ikke længere ændres.");
        rule.MessageIn(ErrorMessage.English).ShouldBe("Period '2027 H1' is closed; its goals, key results, actions and check-ins are read-only.");
    }

    [Fact]
    public void FluentValidation_BuiltInMessages_HaveDanish()
    {
        var languages = ValidatorOptions.Global.LanguageManager;

        languages.GetString("NotEmptyValidator", ErrorMessage.Danish).ShouldNotBe(languages.GetString("NotEmptyValidator", ErrorMessage.English));
        languages.GetString("MaximumLengthValidator", ErrorMessage.Danish).ShouldContain("{MaxLength}");
    }

    private static string[] Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).Distinct().Order().ToArray();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
