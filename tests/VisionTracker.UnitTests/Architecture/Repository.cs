namespace VisionTracker.UnitTests.Architecture;

/// <summary>The source tree the tests that read the code look at.</summary>
internal static class Repository
{
    /// <summary>The folder holding VisionTracker.sln, above the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VisionTracker.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No VisionTracker.sln above {AppContext.BaseDirectory}.");
    }
}
