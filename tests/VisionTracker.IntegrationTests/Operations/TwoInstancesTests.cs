using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using VisionTracker.IntegrationTests.Support;
using Xunit.Abstractions;

namespace VisionTracker.IntegrationTests.Operations;

/// <summary>
/// Issue 15's proof that several instances can share one PostgreSQL database: nothing acknowledged is lost or
/// duplicated, a stale If-Match is a 412 whichever instance saw it, each job occurrence runs once and two runs of one
/// job never overlap, no e-mail goes out twice, start-up on an empty database migrates and seeds once, and a form
/// token from one instance is good on the other.
/// </summary>
[Collection(ServiceProcessCollection.Name)]
[Trait("Lane", "Postgres")]
public sealed class TwoInstancesTests(TwoInstances instances, ITestOutputHelper output) : IClassFixture<TwoInstances>
{
    private const string NightlyJob = "figures-nightly";

    [PostgresFact]
    public async Task SimultaneousStart_OnAnEmptyDatabase_BothComeUpAfterOneMigrationAndOneSeed()
    {
        var migrated = instances.Both.Where(s => s.LogsStartingWith("Applying ").Count > 0).ToList();
        var current = instances.Both.Where(s => s.LogsStartingWith("The database schema is up to date").Count > 0).ToList();
        var seeded = instances.Both.Count(s => s.LogsStartingWith("Seeded the demo data").Count > 0);
        var bootstrapped = instances.Both.Count(s => s.LogsStartingWith("No admin existed").Count > 0);

        migrated.Count.ShouldBe(1);
        current.Count.ShouldBe(1);
        current[0].ShouldNotBe(migrated[0]);
        seeded.ShouldBe(1);
        bootstrapped.ShouldBe(1);
        var migrations = int.Parse(State(migrated[0].LogsStartingWith("Applying ")[0], "MigrationCount"), CultureInfo.InvariantCulture);
        (await instances.Database.ScalarAsync<long>("SELECT COUNT(*) FROM \"__EFMigrationsHistory\"")).ShouldBe(migrations);
        (await instances.Database.ScalarAsync<long>("SELECT COUNT(*) FROM \"People\" WHERE \"Email\" = 'admin@visiontracker.local'")).ShouldBe(1);
        (await instances.Database.ScalarAsync<long>("SELECT COUNT(*) FROM \"DataProtectionKeys\"")).ShouldBe(1);
        foreach (var service in instances.Both)
        {
            using var me = await TwoInstances.Admin(service).GetAsync(new Uri("/api/me", UriKind.Relative));
            me.StatusCode.ShouldBe(HttpStatusCode.OK, service.Name);
        }
    }

    [PostgresFact]
    public async Task CheckIns_FromConcurrentClientsThroughBothInstances_AreStoredOnceAndLeaveNoFigureForTheNightlyRepair()
    {
        var keyResults = await instances.QueryAsync(
            """
            SELECT k."Id", k."StartValue", k."TargetValue" FROM "KeyResults" k
            JOIN "Goals" g ON g."Id" = k."GoalId" JOIN "Periods" p ON p."Id" = g."PeriodId"
            WHERE p."State" = 'Active' AND g."State" = 'Active' AND NOT g."IsArchived" AND k."MetricKind" IN ('Number', 'Percentage', 'Currency')
            ORDER BY k."Id"
            """,
            r => (Id: r.GetGuid(0), Low: Math.Min(r.GetDouble(1), r.GetDouble(2)), High: Math.Max(r.GetDouble(1), r.GetDouble(2))));
        keyResults.Count.ShouldBeGreaterThan(5);
        // A full recompute first, so that what the last one finds is the check-ins' doing (and not, say, the day's staleness).
        var settled = await RunNightlyAsync();
        output.WriteLine($"Full recompute before: {settled.GetProperty("Message").GetString()}");
        const int Clients = 8, PerClient = 125;
        var run = $"two-{Guid.NewGuid():N}"[..12];
        using var a = TwoInstances.Admin(instances.A);
        using var b = TwoInstances.Admin(instances.B);
        var firstAnswers = new ConcurrentDictionary<string, int>();
        var retries = 0;

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            for (var i = 0; i < PerClient; i++)
            {
                var kr = keyResults[((c * PerClient) + i) % keyResults.Count];
                var body = new { value = Math.Round(kr.Low + (random.NextDouble() * (kr.High - kr.Low)), 1), confidence = 0.7, note = $"Status fra klient {c}, nr. {i}." };
                for (var attempt = 0; ; attempt++)
                {
                    // Alternate the instances, and send a retry to the other one, as a load balancer might.
                    var answer = await CheckInAsync((c + i + attempt) % 2 == 0 ? a : b, kr.Id, body, $"{run}-{c}-{i}");
                    if (attempt == 0)
                    {
                        firstAnswers.AddOrUpdate(answer, 1, (_, n) => n + 1);
                    }

                    if (answer is "201" or "200")
                    {
                        break;
                    }

                    attempt.ShouldBeLessThan(10, $"check-in {run}-{c}-{i} still refused: {answer}");
                    Interlocked.Increment(ref retries);
                    await Task.Delay(20 * (attempt + 1));
                }
            }
        })));
        var elapsed = watch.Elapsed;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Clients * PerClient} check-ins from {Clients} clients through two instances in {elapsed.TotalSeconds:F1} s ({Clients * PerClient / elapsed.TotalSeconds:F0}/s); first answers: {string.Join(", ", firstAnswers.OrderBy(x => x.Key).Select(x => $"{x.Key}×{x.Value}"))}; retries: {retries}"));

        var stored = (await instances.QueryAsync(
            $"SELECT COUNT(*), COUNT(DISTINCT \"IdempotencyKey\") FROM \"CheckIns\" WHERE \"IdempotencyKey\" LIKE '{run}-%'",
            r => (Rows: r.GetInt64(0), Keys: r.GetInt64(1)))).Single();
        stored.ShouldBe((Clients * PerClient, Clients * PerClient));
        var staleCurrentValues = await instances.Database.ScalarAsync<long>(
            """
            SELECT COUNT(*) FROM "KeyResults" k
            WHERE k."CurrentValue" <> (SELECT c."Value" FROM "CheckIns" c WHERE c."KeyResultId" = k."Id" ORDER BY c."At" DESC, c."Id" DESC LIMIT 1)
            """);
        staleCurrentValues.ShouldBe(0, "key results whose current value is not their newest check-in's");
        const string Figures =
            """
            SELECT 'PeriodFigures ' || row_to_json(f)::text FROM "PeriodFigures" f
            UNION ALL SELECT 'Goals ' || g."Id" || ' ' || COALESCE(g."Progress"::text, '-') FROM "Goals" g
            UNION ALL SELECT 'KeyResults ' || k."Id" || ' ' || COALESCE(k."Progress"::text, '-') || ' ' || COALESCE(k."Confidence"::text, '-') FROM "KeyResults" k
            """;
        var before = (await instances.QueryAsync(Figures, r => r.GetString(0))).ToHashSet();
        var nightly = await RunNightlyAsync();
        var repaired = (await instances.QueryAsync(Figures, r => r.GetString(0))).Where(f => !before.Contains(f)).ToList();
        output.WriteLine($"Full recompute afterwards: {nightly.GetProperty("Message").GetString()}");
        output.WriteLine(string.Join("\n", repaired.Select(f => "repaired: " + f)));

        repaired.ShouldBeEmpty("stored figures that differed from a full recompute after concurrent check-ins through both instances");
        State(nightly, "Repairs").ShouldBe("0");
    }

    [PostgresFact]
    public async Task ConcurrentUpdates_WithTheSameIfMatchThroughBothInstances_OneSucceedsAndTheRestGet412()
    {
        using var a = TwoInstances.Admin(instances.A);
        using var b = TwoInstances.Admin(instances.B);
        var theme = (await a.GetFromJsonAsync<JsonArray>("/api/themes"))![0]!["id"]!.GetValue<Guid>();
        var goal = (await instances.QueryAsync(
            """SELECT g."Id" FROM "Goals" g JOIN "Periods" p ON p."Id" = g."PeriodId" WHERE p."State" = 'Active' AND g."State" = 'Active' AND NOT g."IsArchived" ORDER BY g."Id" LIMIT 1""",
            r => r.GetGuid(0))).Single();

        foreach (var round in Enumerable.Range(1, 4))
        {
            var url = round % 2 == 1 ? $"/api/themes/{theme}" : $"/api/goals/{goal}";
            var (etag, current) = await ReadAsync(a, url);
            var bodies = Enumerable.Range(0, 6).Select(i => Edited(current, $"Runde {round}, skriver {i}")).ToList();

            var answers = await Task.WhenAll(bodies.Select((body, i) => (i % 2 == 0 ? a : b).PutJsonAsync(url, body, etag)));

            var statuses = answers.Select(r => (int)r.StatusCode).ToList();
            statuses.Count(s => s == 200).ShouldBe(1, $"round {round}: {string.Join(", ", statuses)}");
            statuses.Count(s => s == 412).ShouldBe(5, $"round {round}: {string.Join(", ", statuses)}");
            var winner = bodies[statuses.IndexOf(200)]["title"]!.GetValue<string>();
            var (after, stored) = await ReadAsync(b, url);
            stored["title"]!.GetValue<string>().ShouldBe(winner);
            Version(after).ShouldBe(Version(etag) + 1);
        }
    }

    [PostgresFact]
    public async Task NightlyRun_TriggeredFromBothInstancesAtOnce_EachTriggerRunsAndTwoRunsNeverOverlap()
    {
        var finishedBefore = Events(NightlyJob).Count(e => e.Finished);

        // Pages from one instance, buttons on the other: the antiforgery token crosses instances.
        var triggers = await Task.WhenAll(
            TwoInstances.TriggerAsync(NightlyJob, instances.A, instances.B),
            TwoInstances.TriggerAsync(NightlyJob, instances.B, instances.A),
            TwoInstances.TriggerAsync(NightlyJob, instances.A, instances.B),
            TwoInstances.TriggerAsync(NightlyJob, instances.B, instances.A));

        triggers.ShouldAllBe(s => s == HttpStatusCode.NoContent);
        await WaitUntilAsync(() => Events(NightlyJob).Count(e => e.Finished) >= finishedBefore + 4, TimeSpan.FromMinutes(2), "four nightly runs");
        var events = Events(NightlyJob);
        output.WriteLine(string.Join("\n", events.Select(e => $"{e.At:HH:mm:ss.ffffff} {e.Instance} {(e.Finished ? "finished" : "started")}")));
        for (var i = 0; i < events.Count; i++)
        {
            events[i].Finished.ShouldBe(i % 2 == 1, $"event {i}: a run started before the previous one finished");
        }

        events.Select(e => e.Instance).Distinct().Count().ShouldBe(2, "both instances ran the nightly job");
    }

    [PostgresFact]
    public async Task RecurringJob_EveryTwoSecondsOnBothInstances_EachOccurrenceRunsOnce()
    {
        const string Sql =
            """
            SELECT j.id, j.statename,
                   (SELECT p.value FROM hangfire.jobparameter p WHERE p.jobid = j.id AND p.name = 'Time'),
                   ARRAY(SELECT s.data::text FROM hangfire.state s WHERE s.jobid = j.id AND s.name = 'Processing')
            FROM hangfire.job j
            WHERE EXISTS (SELECT 1 FROM hangfire.jobparameter p WHERE p.jobid = j.id AND p.name = 'RecurringJobId' AND p.value IN ('notifications-deliver', '"notifications-deliver"'))
            ORDER BY j.id
            """;
        // A job Hangfire is still creating has no state (and perhaps no Time) yet; only succeeded ones are judged.
        List<(long Id, string State, long Time, string[] Processing)> jobs = [];
        await WaitUntilAsync(
            async () => (jobs = await instances.QueryAsync(Sql, r => (r.GetInt64(0), r.IsDBNull(1) ? "" : r.GetString(1), r.IsDBNull(2) ? -1 : long.Parse(r.GetString(2).Trim('"'), CultureInfo.InvariantCulture), r.GetFieldValue<string[]>(3))))
                .Count(j => j.State == "Succeeded") >= 12,
            TimeSpan.FromMinutes(1),
            "twelve deliveries");

        var done = jobs.Where(j => j.State == "Succeeded").ToList();
        done.ShouldAllBe(j => j.Processing.Length == 1, "a delivery job was processed more than once");
        var times = done.Select(j => j.Time).Order().ToList();
        times.Distinct().Count().ShouldBe(times.Count, "two jobs for one occurrence");
        // "Time" is when a scheduler pass enqueued the occurrence (a late pass makes two occurrences 1 s apart), so
        // count instead: an occurrence enqueued by both instances would double the jobs for the span.
        done.Count.ShouldBeLessThanOrEqualTo((int)((times[^1] - times[0]) / 2) + 2, $"more jobs than occurrences of the cron: {string.Join(", ", times)}");
        var servers = done.Select(j => JsonNode.Parse(j.Processing[0])!["ServerId"]!.GetValue<string>()).Select(id => string.Join(':', id.Split(':').Take(2))).Distinct().ToList();
        // Which instance's worker picks an occurrence up is Hangfire's choice (both poll one queue), so an even split
        // is not promised: seen once with all twelve on one instance. What is promised is checked above: once each.
        output.WriteLine($"{done.Count} deliveries, by servers {string.Join(", ", servers)}");
        servers.Count.ShouldBeInRange(1, 2, "a server that is neither instance processed a delivery");
    }

    [PostgresFact]
    public async Task Reminders_TriggeredOnBothInstancesAtOnce_AreWrittenOnceAndEMailedOnce()
    {
        const string Job = "reminders-action-overdue";
        var finishedBefore = Events(Job).Count(e => e.Finished);

        (await Task.WhenAll(
            TwoInstances.TriggerAsync(Job, instances.A, instances.A),
            TwoInstances.TriggerAsync(Job, instances.B, instances.B))).ShouldAllBe(s => s == HttpStatusCode.NoContent);
        await WaitUntilAsync(() => Events(Job).Count(e => e.Finished) >= finishedBefore + 2, TimeSpan.FromMinutes(1), "both reminder runs");
        const string Pending = """SELECT COUNT(*) FROM "Notifications" WHERE "Channel" = 'email' AND "SentAt" IS NULL AND "FailedAt" IS NULL""";
        await WaitUntilAsync(async () => await instances.Database.ScalarAsync<long>(Pending) == 0, TimeSpan.FromMinutes(1), "every e-mail sent");

        var written = await instances.QueryAsync(
            """SELECT p."Email", n."Subject", n."DeduplicationKey" FROM "Notifications" n JOIN "People" p ON p."Id" = n."RecipientId" WHERE n."Channel" = 'email'""",
            r => (To: r.GetString(0).ToUpperInvariant(), Subject: r.GetString(1), Key: r.GetString(2)));
        written.Count.ShouldBeGreaterThan(0);
        written.Select(n => n.Key).Distinct().Count().ShouldBe(written.Count);
        var mailed = instances.Smtp.Messages.Select(m => (To: m.To.Mailboxes.Single().Address.ToUpperInvariant(), Subject: m.Subject ?? "")).ToList();
        mailed.Order().ShouldBe(written.Select(n => (n.To, n.Subject)).Order(), "each notification e-mailed exactly once");
    }

    [PostgresFact]
    public async Task WebSession_SignedInThroughOneInstance_WorksOnTheOtherWithItsFormTokens()
    {
        using var browser = new WebBrowserSession();
        var (_, signInPage, _) = await browser.GetAsync(instances.A, "/sign-in");

        // The sign-in page (and its anti-forgery token) from A, the form posted to B.
        var signedIn = await browser.SubmitAsync(signInPage, "/sign-in", instances.B, ("Input.Token", TwoInstances.AdminToken));
        signedIn.Status.ShouldBe(HttpStatusCode.Redirect, signedIn.Html);
        browser.CookieNames.ShouldContain("vt_session");
        var pages = new Dictionary<string, string>();
        foreach (var service in instances.Both)
        {
            var (status, html, location) = await browser.GetAsync(service, "/");
            status.ShouldBe(HttpStatusCode.OK, $"{service.Name} answered {status} {location}");
            pages[service.Name] = html;
        }

        // A form on B's page (its token is bound to the session) posted to A, and the other way round.
        var toA = await browser.SubmitAsync(pages[instances.B.Name], "/culture", instances.A);
        var toB = await browser.SubmitAsync(pages[instances.A.Name], "/culture", instances.B);

        toA.Status.ShouldBe(HttpStatusCode.Redirect, toA.Html);
        toB.Status.ShouldBe(HttpStatusCode.Redirect, toB.Html);
    }

    [PostgresFact]
    public async Task Logs_AreJsonLinesCarryingTheRequestsTraceId()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var client = TwoInstances.Admin(instances.A);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var entry = await instances.A.WaitForLogAsync(
            e => e.TryGetProperty("Scopes", out var scopes) && scopes.GetRawText().Contains(traceId, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10),
            $"log entry with trace id {traceId}");
        entry.GetProperty("Category").GetString().ShouldNotBeNullOrEmpty();
    }

    private static async Task<string> CheckInAsync(HttpClient client, Guid keyResult, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/key-results/{keyResult}/check-ins") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        try
        {
            using var response = await client.SendAsync(request);
            return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException e)
        {
            return e.GetType().Name;
        }
    }

    private async Task<JsonElement> RunNightlyAsync()
    {
        var before = instances.Both.Sum(s => s.LogsStartingWith("Nightly figures done").Count);
        (await TwoInstances.TriggerAsync(NightlyJob, instances.A, instances.A)).ShouldBe(HttpStatusCode.NoContent);
        await WaitUntilAsync(() => instances.Both.Sum(s => s.LogsStartingWith("Nightly figures done").Count) > before, TimeSpan.FromMinutes(2), "the nightly run");
        return instances.Both.SelectMany(s => s.LogsStartingWith("Nightly figures done")).OrderBy(e => e.GetProperty("Timestamp").GetString()).Last();
    }

    /// <summary>The job's "started"/"finished" log lines from both instances, in time order.</summary>
    private List<(DateTimeOffset At, string Instance, bool Finished)> Events(string jobId) =>
        instances.Both.SelectMany(s => s.Logs
                .Where(e => e.TryGetProperty("Category", out var c) && c.GetString() == "VisionTracker.Infrastructure.Jobs.RecurringJobRunner"
                    && e.TryGetProperty("State", out var st) && st.TryGetProperty("JobId", out var id) && id.GetString() == jobId)
                .Select(e => (
                    DateTimeOffset.Parse(e.GetProperty("Timestamp").GetString()!, CultureInfo.InvariantCulture),
                    s.Name,
                    e.GetProperty("Message").GetString()!.Contains("finished", StringComparison.Ordinal))))
            .OrderBy(e => e.Item1)
            .ToList();

    private static async Task<(string ETag, JsonObject Body)> ReadAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (response.Headers.ETag!.Tag, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    /// <summary>The update request a client would send back: the fields it read, with a new title.</summary>
    private static JsonObject Edited(JsonObject current, string title)
    {
        var edited = new JsonObject { ["title"] = title };
        foreach (var field in new[] { "description", "sortOrder", "citizenValue", "coCreationLevel", "greenTransition", "tags", "ownerId" })
        {
            if (current.TryGetPropertyValue(field, out var value))
            {
                edited[field] = value?.DeepClone();
            }
        }

        return edited;
    }

    private static int Version(string etag) => int.Parse(etag.Trim('"'), CultureInfo.InvariantCulture);

    private static string State(JsonElement entry, string name) =>
        entry.GetProperty("State").GetProperty(name) is var value && value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.");
            }

            await Task.Delay(250);
        }
    }
}
