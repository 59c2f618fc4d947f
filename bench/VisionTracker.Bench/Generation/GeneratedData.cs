using VisionTracker.Domain.Planning;

namespace VisionTracker.Bench.Generation;

public sealed record BenchPeriod(Guid Id, string Name, PeriodState State, DateOnly Start, DateOnly End);

/// <summary>A leader the load test signs in as: their personal token and home unit.</summary>
public sealed record BenchLeader(Guid PersonId, Guid UnitId, string Token);

/// <summary>What the harness needs to know about the generated organisation; everything else it asks the database.</summary>
public sealed record GeneratedData(
    DateTime Now,
    IReadOnlyList<BenchPeriod> Periods,
    string AdminToken,
    string CouncilToken,
    IReadOnlyList<BenchLeader> Leaders,
    IReadOnlyDictionary<string, int> Counts,
    TimeSpan InsertTime)
{
    public BenchPeriod Active => Periods.Single(p => p.State == PeriodState.Active);
}
