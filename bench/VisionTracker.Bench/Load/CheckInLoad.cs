using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using VisionTracker.Bench.Data;
using VisionTracker.Bench.Generation;
using VisionTracker.Bench.Service;
using VisionTracker.Domain.Actions;

namespace VisionTracker.Bench.Load;

/// <summary>One client level: what the service did over HTTP, and the raw insert of the same rows beside it.</summary>
public sealed record LevelResult(
    int Clients, double Seconds, int Accepted, double PerSecond, double[] LatencyMs, double MaxMs, int Attempts,
    IReadOnlyDictionary<string, int> Errors, int Unfinished, int Replays, int ReplayFailures, RawInsertResult Raw, double ServiceCpuMs)
{
    /// <summary>The service process's CPU (user + system) over the level, clients and drain, per accepted check-in.</summary>
    public double CpuMsPerCheckIn => Accepted > 0 ? ServiceCpuMs / Accepted : double.PositiveInfinity;
}

public sealed record RawInsertResult(int Rows, double Seconds, double PerSecond, double[] LatencyMs);

/// <summary>
/// Check-ins over real HTTP from N concurrent clients for a fixed time (so a slow service still finishes): each client
/// a leader with their own token, each check-in valid for its key result's kind and carrying a new Idempotency-Key. A
/// refused or failed request is retried with the same key until the time is up; requests still running then get
/// <see cref="Drain"/> to finish and are cancelled after it (their outcome is unknown until verified). A few accepted
/// check-ins are sent again with their key, which must replay the stored one (200) and create nothing. Beside each
/// level, the same rows go into the database with a prepared single-row INSERT per transaction, from as many connections,
/// once the service has finished what the clients gave up on. Every Idempotency-Key starts with <see cref="KeyPrefix"/>,
/// so a run on a kept database tells its own check-ins from an earlier run's, then the level's number and client count
/// (two levels of as many clients send different keys), or <c>w</c> for the warm-up's.
/// </summary>
public sealed class CheckInLoad(ServiceProcess service, BenchDatabase database, BulkWriter writer, Guid periodId, string keyPrefix)
{
    public static readonly TimeSpan Drain = TimeSpan.FromSeconds(60);
    private const int MaxReplays = 3;
    private static readonly TimeSpan MaxRawTime = TimeSpan.FromSeconds(3);

    /// <summary>How long the warm-up may take at most, whatever its count (a starved service still gets to the levels).</summary>
    private static readonly TimeSpan WarmUpLimit = TimeSpan.FromMinutes(10);

    public ConcurrentBag<CheckInPayload> Accepted { get; } = [];
    public ConcurrentBag<CheckInPayload> Unknown { get; } = [];
    public ConcurrentBag<CheckInPayload> Sent { get; } = [];

    private int levels;

    public string KeyPrefix => keyPrefix;

    /// <summary>
    /// Sends <paramref name="count"/> check-ins from <paramref name="clients"/> at once, before the levels, untimed and
    /// uncounted: a service just started runs its first ~1,000–1,500 check-ins while the JIT recompiles what is hot, and
    /// the levels are to measure a warm one. What it accepts is checked with the rest (stored once, newest shown).
    /// </summary>
    public async Task<int> WarmUpAsync(IReadOnlyList<LoadClient> clients, int count, CancellationToken ct)
    {
        using var http = NewClient();
        var sent = await SendAsync(http, clients, "w", WarmUpLimit, count, ct);
        if (sent.Unfinished > 0)
        {
            await service.WaitUntilIdleAsync(Drain, ct);
        }

        return sent.Accepted.Count;
    }

    public async Task<LevelResult> RunLevelAsync(IReadOnlyList<LoadClient> clients, TimeSpan duration, CancellationToken ct)
    {
        using var http = NewClient();
        var level = clients.Count;
        var cpuBefore = service.CpuTime();
        var sent = await SendAsync(http, clients, $"{++levels}-{level}", duration, int.MaxValue, ct);
        if (sent.Unfinished > 0)
        {
            await service.WaitUntilIdleAsync(Drain, ct);
        }

        var cpu = service.CpuTime() - cpuBefore;
        var accepted = sent.Accepted;
        var seconds = Math.Max(duration.TotalSeconds, accepted.IsEmpty ? 0 : accepted.Max(a => a.At) / 1000);
        var (replays, replayFailures) = await ReplayAsync(http, clients, accepted.Select(a => a.Payload).ToList(), ct);
        var raw = await RawInsertAsync(clients, accepted.Select(a => a.Payload).ToList(), duration < MaxRawTime ? duration : MaxRawTime, ct);
        return new LevelResult(
            level, seconds, accepted.Count, accepted.Count / seconds, [.. accepted.Select(a => a.Ms)], sent.Attempts.IsEmpty ? 0 : sent.Attempts.Max(),
            sent.Attempts.Count, new Dictionary<string, int>(sent.Errors), sent.Unfinished, replays, replayFailures, raw, cpu.TotalMilliseconds);
    }

    private HttpClient NewClient() =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = service.Address, Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>
    /// The clients check in until <paramref name="duration"/> is up or <paramref name="count"/> check-ins have been
    /// started, each retried with its key while the time lasts; their keys are the prefix, then <paramref name="run"/>.
    /// </summary>
    private async Task<Sending> SendAsync(HttpClient http, IReadOnlyList<LoadClient> clients, string run, TimeSpan duration, int count, CancellationToken ct)
    {
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        hardStop.CancelAfter(duration + Drain);
        var sending = new Sending();
        var left = count;
        var watch = Stopwatch.StartNew();

        async Task ClientAsync(LoadClient client, int index)
        {
            for (var seq = 0; watch.Elapsed < duration && Interlocked.Decrement(ref left) >= 0; seq++)
            {
                var payload = client.Next(string.Create(CultureInfo.InvariantCulture, $"{keyPrefix}{run}-{index}-{seq}"));
                Sent.Add(payload);
                while (true)
                {
                    var sent = watch.Elapsed.TotalMilliseconds;
                    string? error;
                    try
                    {
                        using var response = await PostAsync(http, client, payload, hardStop.Token);
                        var ms = watch.Elapsed.TotalMilliseconds - sent;
                        sending.Attempts.Add(ms);
                        if (response.IsSuccessStatusCode)
                        {
                            sending.Accepted.Add((payload, ms, watch.Elapsed.TotalMilliseconds));
                            Accepted.Add(payload);
                            break;
                        }

                        error = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                    }
                    catch (OperationCanceledException) when (hardStop.IsCancellationRequested && !ct.IsCancellationRequested)
                    {
                        sending.Attempts.Add(watch.Elapsed.TotalMilliseconds - sent);
                        Interlocked.Increment(ref sending.Unfinished);
                        Unknown.Add(payload);
                        return;
                    }
                    catch (HttpRequestException e)
                    {
                        sending.Attempts.Add(watch.Elapsed.TotalMilliseconds - sent);
                        error = e.HttpRequestError.ToString();
                    }

                    sending.Errors.AddOrUpdate(error, 1, (_, n) => n + 1);
                    if (watch.Elapsed >= duration)
                    {
                        Unknown.Add(payload);
                        return;
                    }

                    await Task.Delay(100, hardStop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }
        }

        await Task.WhenAll(clients.Select((c, i) => Task.Run(() => ClientAsync(c, i), ct)));
        return sending;
    }

    private sealed class Sending
    {
        public readonly ConcurrentBag<(CheckInPayload Payload, double Ms, double At)> Accepted = [];
        public readonly ConcurrentBag<double> Attempts = [];
        public readonly ConcurrentDictionary<string, int> Errors = new();
        public int Unfinished;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, LoadClient client, CheckInPayload payload, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/key-results/{payload.KeyResultId}/check-ins", UriKind.Relative))
        {
            Content = JsonContent.Create(payload.Body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.Leader.Token);
        request.Headers.Add("Idempotency-Key", payload.Key);
        return http.SendAsync(request, ct);
    }

    /// <summary>Sends a few accepted check-ins again with the same key: each must answer 200 (replayed), not 201 (a new row).</summary>
    private static async Task<(int Replays, int Failures)> ReplayAsync(HttpClient http, IReadOnlyList<LoadClient> clients, List<CheckInPayload> accepted, CancellationToken ct)
    {
        var byPerson = clients.GroupBy(c => c.Leader.PersonId).ToDictionary(g => g.Key, g => g.First());
        var failures = 0;
        var chosen = accepted.OrderBy(p => p.Key, StringComparer.Ordinal).Where((_, i) => i % 20 == 0).Take(MaxReplays).ToList();
        foreach (var payload in chosen)
        {
            using var response = await PostAsync(http, byPerson[payload.PersonId], payload, ct);
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                failures++;
            }
        }

        return (chosen.Count, failures);
    }

    /// <summary>
    /// The limit beside the service: the level's accepted rows (cycled; freshly generated ones when none was accepted)
    /// inserted for up to 3 seconds from as many connections as there were clients, one row per transaction, then removed.
    /// </summary>
    private async Task<RawInsertResult> RawInsertAsync(IReadOnlyList<LoadClient> clients, List<CheckInPayload> accepted, TimeSpan time, CancellationToken ct)
    {
        var rows = accepted.Count > 0 ? accepted : clients.Select((c, i) => c.Next($"raw-template-{i}")).ToList();
        var latencies = new ConcurrentBag<double>();
        var watch = Stopwatch.StartNew();

        async Task ConnectionAsync(int index)
        {
            await using var connection = await database.OpenAsync(ct);
            await using var insert = await writer.PrepareSingleRowAsync<CheckIn>(connection, ct);
            for (var seq = index; watch.Elapsed < time; seq += clients.Count)
            {
                var row = rows[seq % rows.Count];
                var checkIn = new CheckIn
                {
                    KeyResultId = row.KeyResultId,
                    OrgUnitId = row.UnitId,
                    PeriodId = periodId,
                    PersonId = row.PersonId,
                    Value = row.StoredValue,
                    Confidence = row.Confidence,
                    Note = row.Note,
                    IdempotencyKey = string.Create(CultureInfo.InvariantCulture, $"raw-{clients.Count}-{index}-{seq}"),
                };
                checkIn.Stamp(DateTime.UtcNow, DataShape.TimeZone);
                var started = watch.Elapsed.TotalMilliseconds;
                await insert.InsertAsync(checkIn, ct);
                latencies.Add(watch.Elapsed.TotalMilliseconds - started);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients.Count).Select(i => Task.Run(() => ConnectionAsync(i), ct)));
        var seconds = watch.Elapsed.TotalSeconds;
        await using (var connection = await database.OpenAsync(ct))
        {
            await using var delete = BenchDatabase.Command(connection, """DELETE FROM "CheckIns" WHERE "IdempotencyKey" LIKE 'raw-%'""");
            await delete.ExecuteNonQueryAsync(ct);
        }

        return new RawInsertResult(latencies.Count, seconds, latencies.Count / seconds, [.. latencies]);
    }
}
