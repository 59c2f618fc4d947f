using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using VisionTracker.IntegrationTests.Support;
using Xunit.Abstractions;

namespace VisionTracker.IntegrationTests.Operations;

/// <summary>
/// Issue 13 item 11: the service as its own process, killed with SIGKILL while clients stream check-ins with
/// Idempotency-Keys, then started again on the same database. On SQLite this proves that the write queue answers a
/// check-in only once its batch is committed; on PostgreSQL, that an answer means a committed transaction.
/// </summary>
[Collection(ServiceProcessCollection.Name)]
public sealed class DurabilityTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Clients = 6;
    private const int PerClient = 400;
    private const int KillAfterAcknowledged = 150;
    private const string Never = "0 0 31 2 *";

    private readonly PostgresTestDatabase? postgres = PostgresTestDatabase.Server is null ? null : new();
    private readonly string sqlitePath = Path.Combine(Path.GetTempPath(), $"visiontracker_durability_{Guid.NewGuid():N}.db");

    private string ConnectionString => postgres?.ConnectionString ?? $"Data Source={sqlitePath}";

    public async Task InitializeAsync()
    {
        if (postgres is not null)
        {
            await postgres.CreateAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (postgres is not null)
        {
            await postgres.DisposeAsync();
            return;
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(sqlitePath + suffix);
        }
    }

    [Fact]
    public async Task CheckIns_ServiceKilledMidStream_EveryAcknowledgedOneIsStoredOnceRetriesDoNotDuplicateAndARecomputeChangesNothing()
    {
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = postgres is null ? "Sqlite" : "Postgres",
            ["Database__ConnectionString"] = ConnectionString,
            ["Seed__DemoData"] = "true",
            ["Auth__BootstrapAdminToken"] = TwoInstances.AdminToken,
            ["Jobs__Storage"] = "InMemory",
            ["Jobs__Server__PollInterval"] = "00:00:01",
        };
        foreach (var job in new[] { "figures-nightly", "reminders-checkin", "reminders-action-due", "reminders-action-overdue", "reminders-period-closing", "digest-weekly", "notifications-deliver", "backup-sqlite" })
        {
            settings[$"Jobs__Recurring__{job}__Cron"] = Never;
        }

        var first = await ServiceProcess.StartAsync("before the kill", settings);
        ServiceProcess? second = null;
        try
        {
            var keyResults = await QueryAsync(
                """
                SELECT k."Id", k."StartValue", k."TargetValue" FROM "KeyResults" k
                JOIN "Goals" g ON g."Id" = k."GoalId" JOIN "Periods" p ON p."Id" = g."PeriodId"
                WHERE p."State" = 'Active' AND g."State" = 'Active' AND NOT g."IsArchived" AND k."MetricKind" IN ('Number', 'Percentage', 'Currency')
                ORDER BY k."Id"
                """,
                r => (Id: Guid.Parse(r.GetValue(0).ToString()!), Low: Math.Min(r.GetDouble(1), r.GetDouble(2)), High: Math.Max(r.GetDouble(1), r.GetDouble(2))));
            keyResults.Count.ShouldBeGreaterThan(5);
            output.WriteLine($"Full recompute before: {await RunNightlyAsync(first)}");
            var run = $"dur-{Guid.NewGuid():N}"[..12];
            var sent = new ConcurrentDictionary<string, (Guid KeyResult, object Body)>();
            var acknowledged = new ConcurrentDictionary<string, Guid>();
            var answers = new ConcurrentDictionary<string, int>();
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var killed = false;
            using var before = TwoInstances.Admin(first);

            var streams = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
            {
                var random = new Random(c);
                for (var i = 0; i < PerClient && !Volatile.Read(ref killed); i++)
                {
                    var kr = keyResults[((c * PerClient) + i) % keyResults.Count];
                    var key = $"{run}-{c}-{i}";
                    var body = new { value = Math.Round(kr.Low + (random.NextDouble() * (kr.High - kr.Low)), 1), confidence = 0.6, note = $"Klient {c}, nr. {i}." };
                    sent[key] = (kr.Id, body);
                    var (status, id) = await CheckInAsync(before, kr.Id, body, key);
                    answers.AddOrUpdate(status, 1, (_, n) => n + 1);
                    if (id is { } stored)
                    {
                        acknowledged[key] = stored;
                        if (acknowledged.Count >= KillAfterAcknowledged)
                        {
                            enough.TrySetResult();
                        }
                    }
                }
            })).ToList();
            await Task.WhenAny(enough.Task, Task.WhenAll(streams));
            Volatile.Write(ref killed, true);
            await first.KillAsync();
            await Task.WhenAll(streams);
            output.WriteLine($"Killed with SIGKILL after {acknowledged.Count} acknowledged of {sent.Count} sent; answers: {string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{a.Key}×{a.Value}"))}");
            acknowledged.Count.ShouldBeGreaterThanOrEqualTo(KillAfterAcknowledged);

            second = await ServiceProcess.StartAsync("after the kill", settings);
            var stored = await StoredAsync(run);
            foreach (var (key, id) in acknowledged)
            {
                stored.TryGetValue(key, out var rows).ShouldBeTrue($"check-in {key} was answered 2xx before the kill but is not stored");
                rows.ShouldBe([id], $"check-in {key}");
            }

            stored.Values.ShouldAllBe(rows => rows.Count == 1, "an Idempotency-Key stored twice");
            var lostUnanswered = sent.Count - acknowledged.Count;
            output.WriteLine($"After the restart: {stored.Count} stored ({acknowledged.Count} acknowledged, {stored.Count - acknowledged.Count} committed but never answered, {lostUnanswered - (stored.Count - acknowledged.Count)} sent and lost unanswered)");

            using var after = TwoInstances.Admin(second);
            var retried = new ConcurrentDictionary<string, int>();
            await Parallel.ForEachAsync(sent, new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (entry, _) =>
            {
                var (status, id) = await CheckInAsync(after, entry.Value.KeyResult, entry.Value.Body, entry.Key);
                retried.AddOrUpdate(status, 1, (_, n) => n + 1);
                id.ShouldNotBeNull($"the retry of {entry.Key} answered {status}");
                if (acknowledged.TryGetValue(entry.Key, out var original))
                {
                    status.ShouldBe("200", $"the retry of acknowledged check-in {entry.Key} is a replay");
                    id.ShouldBe(original, $"the retry of {entry.Key} returns the check-in stored before the kill");
                }
            });
            output.WriteLine($"Retried every key: {string.Join(", ", retried.OrderBy(a => a.Key).Select(a => $"{a.Key}×{a.Value}"))}");
            var final = await StoredAsync(run);
            final.Count.ShouldBe(sent.Count);
            final.Values.ShouldAllBe(rows => rows.Count == 1, "a retry stored a check-in twice");

            var figures = await FiguresAsync();
            var nightly = await RunNightlyAsync(second);
            output.WriteLine($"Full recompute afterwards: {nightly}");
            nightly.ShouldContain(", 0 stored values repaired", Case.Sensitive, "a full recompute after the kill and the retries repaired stored figures");
            (await FiguresAsync()).ShouldBe(figures, "stored figures changed by a full recompute");
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }

    private static async Task<(string Status, Guid? Id)> CheckInAsync(HttpClient client, Guid keyResult, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/key-results/{keyResult}/check-ins") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        try
        {
            using var response = await client.SendAsync(request);
            var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created
                ? (status, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<Guid>())
                : (status, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return ("no answer", null);
        }
    }

    /// <summary>The check-in ids stored under each of the run's Idempotency-Keys.</summary>
    private async Task<Dictionary<string, List<Guid>>> StoredAsync(string run) =>
        (await QueryAsync(
            $"SELECT \"IdempotencyKey\", \"Id\" FROM \"CheckIns\" WHERE \"IdempotencyKey\" LIKE '{run}-%'",
            r => (Key: r.GetString(0), Id: Guid.Parse(r.GetValue(1).ToString()!))))
        .GroupBy(r => r.Key)
        .ToDictionary(g => g.Key, g => g.Select(r => r.Id).ToList());

    /// <summary>Every stored figure: key results, actions, goals and the per-period figures of units and themes.</summary>
    private async Task<List<string>> FiguresAsync() =>
        await QueryAsync(
            """
            SELECT 'KR ' || CAST("Id" AS TEXT) || ' ' || COALESCE(CAST("CurrentValue" AS TEXT), '-') || ' ' || COALESCE(CAST("Progress" AS TEXT), '-') || ' ' || COALESCE(CAST("Confidence" AS TEXT), '-') FROM "KeyResults"
            UNION ALL SELECT 'A ' || CAST("Id" AS TEXT) || ' ' || COALESCE(CAST("Progress" AS TEXT), '-') || ' ' || COALESCE(CAST("Confidence" AS TEXT), '-') FROM "Actions"
            UNION ALL SELECT 'G ' || CAST("Id" AS TEXT) || ' ' || COALESCE(CAST("Progress" AS TEXT), '-') || ' ' || COALESCE(CAST("Confidence" AS TEXT), '-') FROM "Goals"
            UNION ALL SELECT 'P ' || CAST("SubjectId" AS TEXT) || ' ' || CAST("PeriodId" AS TEXT) || ' ' || CAST("ProgressSum" AS TEXT) || ' ' || CAST("ProgressCount" AS TEXT) || ' ' || CAST("ConfidenceSum" AS TEXT) || ' ' || CAST("ConfidenceCount" AS TEXT) FROM "PeriodFigures"
            ORDER BY 1
            """,
            r => r.GetString(0));

    /// <summary>Triggers the nightly recompute from the jobs dashboard and returns its closing log line.</summary>
    private static async Task<string> RunNightlyAsync(ServiceProcess service)
    {
        var before = service.LogsStartingWith("Nightly figures done").Count;
        (await TwoInstances.TriggerAsync("figures-nightly", service, service)).ShouldBe(HttpStatusCode.NoContent);
        await service.WaitForLogAsync(_ => service.LogsStartingWith("Nightly figures done").Count > before, TimeSpan.FromMinutes(2), "the nightly run");
        return service.LogsStartingWith("Nightly figures done")[^1].GetProperty("Message").GetString()!;
    }

    private async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read)
    {
        await using DbConnection connection = postgres is null ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
