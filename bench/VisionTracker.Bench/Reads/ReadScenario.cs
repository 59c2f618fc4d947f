using System.Text.Json;

namespace VisionTracker.Bench.Reads;

/// <summary>
/// One read, answered twice in the same run: by the service over HTTP (<see cref="Url"/>; every page when
/// <see cref="AllPages"/>, as an OData client follows <c>@odata.nextLink</c>) and by hand-written SQL on the same
/// database. Both answers become lists of canonical rows (<see cref="Canonical"/>) that must be equal, in order unless
/// the service leaves the order open (<see cref="Ordered"/> false: compared sorted).
/// </summary>
public sealed record ReadScenario(
    string Name,
    string Api,
    Func<ReadTargets, string> Url,
    Func<ReadTargets, IReadOnlyList<JsonElement>, IEnumerable<string>> FromService,
    Func<ReadTargets, SqlReader, Task<List<string>>> FromSql)
{
    public bool AllPages { get; init; }
    public bool Ordered { get; init; } = true;

    /// <summary>True for the council's typical OData queries, which the 1.5× target is about.</summary>
    public bool Council { get; init; }
}
