using Xunit.Abstractions;

[assembly: TestCollectionOrderer("VisionTracker.IntegrationTests.Support.LongRunningFirst", "VisionTracker.IntegrationTests")]

namespace VisionTracker.IntegrationTests.Support;

/// <summary>
/// A test class that takes far longer than the others (minutes under load): it starts among the first, so it does not
/// become the end of the run while the other slots sit idle.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LongRunningAttribute : Attribute;

/// <summary>
/// Orders the test collections: those of <see cref="LongRunningAttribute"/> classes first, then the rest, in a
/// stable order (longest first is what keeps the parallel slots busy to the end).
/// </summary>
public sealed class LongRunningFirst : ITestCollectionOrderer
{
    private const string ClassCollectionPrefix = "Test collection for ";

    private static readonly HashSet<string> LongRunning =
    [
        .. typeof(LongRunningFirst).Assembly.GetTypes()
            .Where(t => t.IsDefined(typeof(LongRunningAttribute), inherit: false))
            .Select(t => t.FullName!),
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => IsLongRunning(c) ? 0 : 1).ThenBy(c => c.UniqueID);

    private static bool IsLongRunning(ITestCollection collection) =>
        collection.DisplayName.StartsWith(ClassCollectionPrefix, StringComparison.Ordinal)
        && LongRunning.Contains(collection.DisplayName[ClassCollectionPrefix.Length..]);
}
