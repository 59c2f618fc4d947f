using System.Text.RegularExpressions;

namespace VisionTracker.UnitTests.Architecture;

/// <summary>
/// The one formatting rule the build does not enforce: using directives sorted, System's first (.editorconfig's
/// dotnet_sort_system_directives_first). The build enforces the code style and analyzers (EnforceCodeStyleInBuild,
/// warnings as errors) and scripts/test.sh checks whitespace with `dotnet format whitespace`, which leaves imports alone;
/// a full `dotnet format` pass compiles the solution a second time only to find this.
/// </summary>
public sealed partial class UsingOrderTests
{
    [Fact]
    public void EverySourceFile_SortsItsUsingDirectives_SystemFirst()
    {
        var root = Repository.Root;
        var unsorted = new List<string>();
        var checkedFiles = 0;

        foreach (var folder in new[] { "src", "tests", "bench" }.Select(f => Path.Combine(root, f)).Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Where(IsHandWritten))
            {
                var names = File.ReadLines(file).Select(l => PlainUsing().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
                checkedFiles++;
                var sorted = names.OrderBy(n => n == "System" || n.StartsWith("System.", StringComparison.Ordinal) ? 0 : 1)
                    .ThenBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
                if (!names.SequenceEqual(sorted))
                {
                    unsorted.Add($"{Path.GetRelativePath(root, file)}: expected {string.Join(", ", sorted)}");
                }
            }
        }

        checkedFiles.ShouldBeGreaterThan(300, "the rule must have files to check");
        unsorted.ShouldBeEmpty("run 'dotnet format VisionTracker.sln' to sort them");
    }

    private static bool IsHandWritten(string path)
    {
        var parts = path.Split(Path.DirectorySeparatorChar);
        return !parts.Contains("bin") && !parts.Contains("obj") && !parts.Contains("Migrations");
    }

    /// <summary>A top-level `using Name.Space;` (not static, not an alias, not global).</summary>
    [GeneratedRegex(@"^using ([A-Za-z_][A-Za-z0-9_.]*);\s*$")]
    private static partial Regex PlainUsing();
}
