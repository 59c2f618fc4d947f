using System.Text.RegularExpressions;
using VisionTracker.Domain.Common;
using VisionTracker.UnitTests.Architecture;

namespace VisionTracker.UnitTests.Errors;

/// <summary>
/// A code is a string, so <c>new DomainRuleException("An English sentence.")</c> compiles and fails at run time with
/// "Error code has no text" (a 500). Every literal code given to a coded exception or a validator must name a text.
/// </summary>
public sealed partial class ErrorCodeUseTests
{
    [Fact]
    public void EveryLiteralCode_InTheSource_NamesAnErrorText()
    {
        var src = Path.Combine(Repository.Root, "src");
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var unknown = new List<string>();
        var seen = 0;

        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            seen += Construction().Count(text);
            foreach (Match m in LiteralCode().Matches(text))
            {
                var code = m.Groups["code"].Value;
                if (ErrorTexts.ResourceManager.GetString(code, ErrorMessage.Danish) is null)
                {
                    unknown.Add($"{Path.GetRelativePath(src, file)}: \"{code}\"");
                }
            }
        }

        seen.ShouldBeGreaterThan(50, "the rule must find coded exceptions to check");
        unknown.ShouldBeEmpty("codes with no text in Resources/Common/ErrorTexts.resx (use nameof(ErrorTexts.X) and add the text)");
    }

    [GeneratedRegex(@"new\s+(?:[\w.]+\.)?(?:DomainRuleException|ForbiddenException)\(\s*\$?""(?<code>[^""]*)""")]
    private static partial Regex LiteralCode();

    [GeneratedRegex(@"new\s+(?:[\w.]+\.)?(?:DomainRuleException|ForbiddenException)\(")]
    private static partial Regex Construction();
}
