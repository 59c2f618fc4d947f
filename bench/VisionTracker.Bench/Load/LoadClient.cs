using System.Globalization;
using VisionTracker.Bench.Data;
using VisionTracker.Bench.Generation;

namespace VisionTracker.Bench.Load;

/// <summary>A key result a load client checks in on: what its metric kind accepts.</summary>
public sealed record LoadKeyResult(Guid Id, Guid UnitId, string Kind, double Start, double Target, IReadOnlyList<Guid> Milestones);

/// <summary>One check-in as sent: the body's content and its Idempotency-Key.</summary>
public sealed record CheckInPayload(string Key, Guid KeyResultId, Guid UnitId, Guid PersonId, double? Value, IReadOnlyList<Guid>? MilestoneIds, double Confidence, string Note)
{
    /// <summary>The value the service stores: for milestones, how many are done.</summary>
    public double StoredValue => Value ?? MilestoneIds!.Count;

    public object Body => MilestoneIds is null
        ? new { value = Value, confidence = Confidence, note = Note }
        : new { milestoneIds = MilestoneIds, confidence = Confidence, note = Note };
}

/// <summary>
/// A leader signing in with their own token and checking in on the key results they own in active goals of the active
/// period, with values valid for each key result's kind (a number between start and target, a percentage within
/// 0–100, yes/no as 0 or 1, milestones as a subset of the key result's own).
/// </summary>
public sealed class LoadClient(BenchLeader leader, IReadOnlyList<LoadKeyResult> keyResults, int seed)
{
    private readonly Random random = new(seed);
    private int next;

    public BenchLeader Leader => leader;

    public IReadOnlyList<LoadKeyResult> KeyResults => keyResults;

    public CheckInPayload Next(string key)
    {
        var kr = keyResults[next++ % keyResults.Count];
        var confidence = Math.Round(0.3 + (random.NextDouble() * 0.7), 2);
        var note = string.Create(CultureInfo.InvariantCulture, $"Belastningstest: status efter ugens møde ({key}).");
        if (kr.Kind == "Milestone")
        {
            var done = kr.Milestones.Where(_ => random.Next(2) == 0).ToList();
            return new CheckInPayload(key, kr.Id, kr.UnitId, leader.PersonId, null, done, confidence, note);
        }

        var (low, high) = (Math.Min(kr.Start, kr.Target), Math.Max(kr.Start, kr.Target));
        var value = kr.Kind switch
        {
            "YesNo" => random.Next(2),
            "Percentage" => Math.Round(Math.Clamp(low + (random.NextDouble() * (high - low)), 0, 100), 1),
            _ => Math.Round(low + (random.NextDouble() * (high - low)), 1),
        };
        return new CheckInPayload(key, kr.Id, kr.UnitId, leader.PersonId, value, null, confidence, note);
    }

    /// <summary>
    /// The leaders with most key results to check in on (each owner of its key results, in active, unarchived goals of the
    /// active period), one client each.
    /// </summary>
    public static async Task<List<LoadClient>> FindAsync(BenchDatabase database, Guid periodId, IReadOnlyList<BenchLeader> leaders, int count, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = BenchDatabase.Command(connection, """
            SELECT k."OwnerId", k."Id", k."MetricKind", k."StartValue", k."TargetValue", m."Id", g."OwnerUnitId"
            FROM "KeyResults" k JOIN "Goals" g ON g."Id" = k."GoalId"
            LEFT JOIN "Milestones" m ON m."KeyResultId" = k."Id"
            WHERE g."PeriodId" = @p AND g."State" = 'Active' AND g."IsArchived" = FALSE
            ORDER BY k."Id", m."SortOrder"
            """, ("p", database.Id(periodId)));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var byOwner = new Dictionary<Guid, Dictionary<Guid, (Guid Unit, string Kind, double Start, double Target, List<Guid> Milestones)>>();
        while (await reader.ReadAsync(ct))
        {
            var owner = BenchDatabase.ReadId(reader, 0);
            var id = BenchDatabase.ReadId(reader, 1);
            var krs = byOwner.TryGetValue(owner, out var found) ? found : byOwner[owner] = [];
            if (!krs.TryGetValue(id, out var kr))
            {
                kr = krs[id] = (BenchDatabase.ReadId(reader, 6), reader.GetString(2), reader.GetDouble(3), reader.GetDouble(4), []);
            }

            if (!reader.IsDBNull(5))
            {
                kr.Milestones.Add(BenchDatabase.ReadId(reader, 5));
            }
        }

        var byPerson = leaders.ToDictionary(l => l.PersonId);
        var owners = byOwner.Where(o => byPerson.ContainsKey(o.Key)).OrderByDescending(o => o.Value.Count).ThenBy(o => o.Key).Take(count).ToList();
        if (owners.Count == 0)
        {
            throw new InvalidOperationException("The data set has no leader with key results in active goals of the active period.");
        }

        // A small data set has fewer such leaders than clients: then some leaders work from two places at once.
        var clients = Enumerable.Range(0, count).Select(i => owners[i % owners.Count]).Select((o, i) => new LoadClient(
                byPerson[o.Key],
                o.Value.Select(kr => new LoadKeyResult(kr.Key, kr.Value.Unit, kr.Value.Kind, kr.Value.Start, kr.Value.Target, kr.Value.Milestones)).ToList(),
                1000 + i))
            .ToList();
        return clients;
    }

    /// <summary>
    /// The leaders and department heads of a database kept by an earlier run (<c>--reuse</c>), with their tokens: the
    /// generator names each token after the person's number (<see cref="Organisation.Token"/>) and stores its hash, so
    /// the names are hashed until every stored hash is matched.
    /// </summary>
    public static async Task<List<BenchLeader>> KeptLeadersAsync(BenchDatabase database, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        List<(Guid Person, Guid Unit, string Hash)> found = [];
        await using (var command = BenchDatabase.Command(connection, """
            SELECT r."PersonId", r."OrgUnitId", t."Hash" FROM "RoleAssignments" r JOIN "ApiTokens" t ON t."PersonId" = r."PersonId"
            WHERE r."Role" IN (1, 2) AND t."Name" = 'bench'
            """))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                found.Add((BenchDatabase.ReadId(reader, 0), BenchDatabase.ReadId(reader, 1), reader.GetString(2)));
            }
        }

        await using var people = BenchDatabase.Command(connection, """SELECT COUNT(*) FROM "People" """);
        var count = Convert.ToInt32(await people.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        var tokens = Enumerable.Range(1, count).SelectMany(n => new[] { Organisation.Token(string.Create(CultureInfo.InvariantCulture, $"leader{n:00000}")), Organisation.Token($"head{n}") })
            .ToDictionary(VisionTracker.Domain.Organisation.ApiToken.HashOf);
        return [.. found.Where(f => tokens.ContainsKey(f.Hash)).Select(f => new BenchLeader(f.Person, f.Unit, tokens[f.Hash]))];
    }
}
