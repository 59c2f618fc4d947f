using System.Text.RegularExpressions;
using Mediator;

namespace VisionTracker.UnitTests.Architecture;

/// <summary>One use case per file: a command or query lives in the file named after it, alone (architecture.md).</summary>
public sealed partial class UseCaseFileTests
{
    private static readonly Type[] Requests =
    [
        .. typeof(VisionTracker.Application.Common.CommandContext).Assembly.GetTypes()
            .Where(t => t.GetInterfaces().Any(i => i == typeof(ICommand)
                || (i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(ICommand<>) || i.GetGenericTypeDefinition() == typeof(IQuery<>))))),
    ];

    [Fact]
    public void EveryCommandAndQuery_LivesInTheFileNamedAfterIt()
    {
        var application = Path.Combine(Repository.Root, "src", "VisionTracker.Application");
        var misplaced = new List<string>();

        foreach (var request in Requests)
        {
            var folder = request.Namespace!["VisionTracker.Application".Length..].TrimStart('.').Replace('.', Path.DirectorySeparatorChar);
            var file = Path.Combine(application, folder, UseCase(request.Name) + ".cs");
            if (!File.Exists(file) || !Declares(File.ReadAllText(file), request.Name))
            {
                misplaced.Add($"{request.FullName} (expected in {Path.GetRelativePath(application, file)})");
            }
        }

        Requests.Length.ShouldBeGreaterThan(50, "the rule must have commands and queries to check");
        misplaced.ShouldBeEmpty();
    }

    [Fact]
    public void NoSourceFile_DeclaresMoreThanOneCommandOrQuery()
    {
        var src = Path.Combine(Repository.Root, "src");
        var crowded = new List<string>();

        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            var declared = Requests.Where(r => Declares(text, r.Name)).Select(r => r.Name).ToList();
            if (declared.Count > 1)
            {
                crowded.Add($"{Path.GetRelativePath(src, file)}: {string.Join(", ", declared)}");
            }
        }

        crowded.ShouldBeEmpty();
    }

    private static string UseCase(string requestName) => UseCaseSuffix().Replace(requestName, "");

    private static bool Declares(string source, string typeName) =>
        Regex.IsMatch(source, $@"\brecord\s+{typeName}\b", RegexOptions.None, TimeSpan.FromSeconds(1));

    [GeneratedRegex("(Command|Query)$")]
    private static partial Regex UseCaseSuffix();
}
