using System.Net;
using System.Text.Json.Nodes;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Figures;

/// <summary>
/// An oracle written from domain.md alone (no application code): expected progress is the exact share of the period
/// gone by, the period running from 00:00 Europe/Copenhagen on its first day to 24:00 on its last; status follows the
/// gap and confidence thresholds, and only what runs has one (Active goals and their key results and open actions in an
/// Active period; themes, units and the vision in an Active period). Every figure the vision tree, the unit page and
/// the goal pages serve is held to it.
/// </summary>
public sealed class ServedFiguresOracleTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private const double Exact = 1e-12;

    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    /// <summary>What the oracle knows of each subject: whether it runs, by domain.md's paragraph on status.</summary>
    private readonly Dictionary<Guid, bool> running = [];

    [Fact]
    public void TheOracle_AgreesWithTheHandWorkedShareOfThePeriod()
    {
        // 15 March 2027 09:00 UTC; the period runs from 31 Dec 2026 23:00 UTC (winter time) to 30 June 2027 22:00 UTC
        // (summer time): 4,343 hours, of which 1,762 have gone by.
        Expected(factory.Clock.GetUtcNow().UtcDateTime, 2027).ShouldBe(1762.0 / 4343, Exact);
        Expected(factory.Clock.GetUtcNow().UtcDateTime, 2026).ShouldBe(1);
        Expected(factory.Clock.GetUtcNow().UtcDateTime, 2028).ShouldBe(0);
    }

    [Fact]
    public async Task EveryServedExpectedProgressAndStatus_IsTheOracles()
    {
        var department = await factory.CreateUnitAsync("Sundhed og Omsorg");
        var head = await factory.CreatePersonAsync("Hanne Chef", department.Id, Role.DepartmentHead);
        var client = head.Client;
        var active = await factory.ArrangePlanningAsync();
        var closing = await factory.ArrangePlanningAsync(year: 2026);
        var planning = await factory.ArrangePlanningAsync(PeriodState.Planning, year: 2028);
        var theme = active.ThemeIds[0];

        // Active period: on track, behind, at risk by gap, at risk by confidence, no data, a draft and an achieved goal.
        var onTrack = await GoalWithValueAsync(client, active.PeriodId, department.Id, theme, value: 60, confidence: 0.8);
        var behind = await GoalWithValueAsync(client, active.PeriodId, department.Id, theme, value: 25, confidence: 0.9);
        var atRisk = await GoalWithValueAsync(client, active.PeriodId, department.Id, theme, value: 10, confidence: 0.9);
        var doubtful = await GoalWithValueAsync(client, active.PeriodId, department.Id, theme, value: 100, confidence: 0.2);
        var empty = await GoalAsync(client, active.PeriodId, department.Id, theme, activate: true);
        var draft = await GoalAsync(client, active.PeriodId, department.Id, theme, activate: false);
        await KeyResultAsync(client, draft);
        var achieved = await GoalWithValueAsync(client, active.PeriodId, department.Id, theme, value: 90, confidence: 0.9);
        await (await client.PostJsonAsync($"/api/goals/{achieved.Goal}/state", new { state = "Achieved" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        running[achieved.Goal] = running[achieved.KeyResult] = false;

        var open = await ActionAsync(client, onTrack.Goal, onTrack.KeyResult, runs: true);
        await (await client.PostJsonAsync($"/api/actions/{open}/check-ins", new { progress = 0.5, confidence = 0.7, note = "Halvvejs" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var untouched = await ActionAsync(client, behind.Goal, behind.KeyResult, runs: true);
        var done = await ActionAsync(client, atRisk.Goal, atRisk.KeyResult, runs: false);
        await (await client.PostJsonAsync($"/api/actions/{done}/state", new { state = "Done" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var cancelled = await ActionAsync(client, atRisk.Goal, null, runs: false);
        await (await client.PostJsonAsync($"/api/actions/{cancelled}/state", new { state = "Cancelled" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // A period that closed: its Active goal and open action no longer run.
        var closed = await GoalWithValueAsync(client, closing.PeriodId, department.Id, closing.ThemeIds[0], value: 30, confidence: 0.9);
        var closedAction = await ActionAsync(client, closed.Goal, closed.KeyResult, runs: false);
        await (await factory.Admin.PostJsonAsync($"/api/periods/{closing.PeriodId}/state", new { state = "Closed" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        running[closed.Goal] = running[closed.KeyResult] = running[closedAction] = false;

        var periods = new Dictionary<Guid, (int Year, bool Active)>
        {
            [active.PeriodId] = (2027, true),
            [closing.PeriodId] = (2026, false),
            [planning.PeriodId] = (2028, false),
        };
        var checkedStatuses = new List<string?>();
        foreach (var (periodId, (year, isActive)) in periods)
        {
            var areas = new HashSet<Guid>([department.Id, factory.RootUnitId, active.VisionId, .. active.ThemeIds]);
            var tree = await GetAsync(client, $"/api/vision/tree?periodId={periodId}");
            var unitPage = await GetAsync(client, $"/api/org-units/{department.Id}/goals?periodId={periodId}");
            checkedStatuses.AddRange(Check(tree, null, year, isActive, areas));
            checkedStatuses.AddRange(Check(unitPage, null, year, isActive, areas));
        }

        foreach (var goal in new[] { onTrack.Goal, behind.Goal, atRisk.Goal, doubtful.Goal, empty, draft, achieved.Goal })
        {
            checkedStatuses.AddRange(Check(await GetAsync(client, $"/api/goals/{goal}"), null, 2027, true, []));
        }

        checkedStatuses.AddRange(Check(await GetAsync(client, $"/api/goals/{closed.Goal}"), null, 2026, false, []));
        foreach (var action in new[] { open, untouched, done, cancelled })
        {
            checkedStatuses.AddRange(Check(await GetAsync(client, $"/api/actions/{action}"), null, 2027, true, []));
        }

        checkedStatuses.AddRange(Check(await GetAsync(client, $"/api/actions/{closedAction}"), null, 2026, false, []));

        // The scene reaches every status and "none", so the oracle was not satisfied by one answer repeated.
        checkedStatuses.Distinct().ShouldBe(["OnTrack", "Behind", "AtRisk", "NoData", null], ignoreOrder: true);
    }

    /// <summary>
    /// Walks a served document: every object that carries an expected progress is held to the oracle, as the figures of
    /// the subject (its own id, or that of the object holding it; an area when it is a theme, unit or the vision).
    /// Returns the statuses seen.
    /// </summary>
    private List<string?> Check(JsonNode node, JsonObject? holder, int year, bool periodActive, HashSet<Guid> areas)
    {
        var seen = new List<string?>();
        switch (node)
        {
            case JsonObject o when o.ContainsKey("expectedProgress"):
                {
                    var subject = IdOf(o) ?? (holder is null ? null : IdOf(holder)) ?? throw new ShouldAssertException($"Figures of no known subject: {o}");
                    var runs = running.TryGetValue(subject, out var known)
                        ? known && periodActive
                        : areas.Contains(subject) ? periodActive : throw new ShouldAssertException($"The oracle does not know {subject}: {holder ?? o}");
                    o["expectedProgress"]!.GetValue<double>().ShouldBe(Expected(factory.Clock.GetUtcNow().UtcDateTime, year), Exact, $"expected progress of {subject}");
                    var status = Status(runs, o["progress"]?.GetValue<double>(), o["expectedProgress"]!.GetValue<double>(), o["confidence"]?.GetValue<double>());
                    o["status"]?.GetValue<string>().ShouldBe(status, $"status of {subject}: {o}");
                    o.ContainsKey("status").ShouldBeTrue();
                    seen.Add(status);
                    foreach (var (_, child) in o)
                    {
                        if (child is not null && child is not JsonValue)
                        {
                            seen.AddRange(Check(child, o, year, periodActive, areas));
                        }
                    }

                    break;
                }

            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    if (child is not null and not JsonValue)
                    {
                        seen.AddRange(Check(child, o, year, periodActive, areas));
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a.Where(c => c is not null and not JsonValue))
                {
                    seen.AddRange(Check(child!, holder, year, periodActive, areas));
                }

                break;
        }

        return seen;
    }

    private static Guid? IdOf(JsonObject o) =>
        new[] { "id", "unitId", "visionId" }.Select(k => o[k]).OfType<JsonValue>().Select(v => v.TryGetValue<Guid>(out var id) ? id : (Guid?)null).FirstOrDefault(id => id is not null);

    /// <summary>domain.md: clamp((t − start) / (end − start), 0, 1), from 00:00 on 1 January to 24:00 on 30 June, local time.</summary>
    private static double Expected(DateTime now, int year)
    {
        var start = TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), Copenhagen);
        var end = TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, 7, 1, 0, 0, 0, DateTimeKind.Unspecified), Copenhagen);
        return Math.Clamp((now - start).TotalSeconds / (end - start).TotalSeconds, 0, 1);
    }

    /// <summary>domain.md with the default thresholds (0.10, 0.25, confidence 0.3); nothing for what does not run.</summary>
    private static string? Status(bool runs, double? progress, double expected, double? confidence)
    {
        if (!runs)
        {
            return null;
        }

        if (progress is null)
        {
            return "NoData";
        }

        var gap = expected - progress.Value;
        return gap > 0.25 || confidence < 0.3 ? "AtRisk" : gap > 0.10 ? "Behind" : "OnTrack";
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string url) => (await (await client.GetAsync(url)).ShouldHaveStatusAsync(HttpStatusCode.OK))!;

    private async Task<(Guid Goal, Guid KeyResult)> GoalWithValueAsync(HttpClient client, Guid periodId, Guid unitId, Guid theme, double value, double confidence)
    {
        var goal = await GoalAsync(client, periodId, unitId, theme, activate: false);
        var keyResult = await KeyResultAsync(client, goal);
        await (await client.PostJsonAsync($"/api/goals/{goal}/state", new { state = "Active" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        running[goal] = running[keyResult] = true;
        await (await client.PostJsonAsync($"/api/key-results/{keyResult}/check-ins", new { value, confidence, note = "Status" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        return (goal, keyResult);
    }

    private async Task<Guid> GoalAsync(HttpClient client, Guid periodId, Guid unitId, Guid theme, bool activate)
    {
        var goal = (await (await client.PostJsonAsync("/api/goals", new
        {
            periodId,
            ownerUnitId = unitId,
            title = "Flere borgere trives",
            citizenValue = "Borgerne trives",
            coCreationLevel = "None",
            greenTransition = false,
        })).ShouldHaveStatusAsync(HttpStatusCode.Created))!.Id();
        await (await client.PutJsonAsync($"/api/goals/{goal}/themes/{theme}", new { rationale = "Tjener temaet" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        if (activate)
        {
            await (await client.PostJsonAsync($"/api/goals/{goal}/state", new { state = "Active" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        running[goal] = activate;
        return goal;
    }

    private async Task<Guid> KeyResultAsync(HttpClient client, Guid goal)
    {
        var keyResult = (await (await client.PostJsonAsync($"/api/goals/{goal}/key-results", new { title = "Andel", metricKind = "Number", startValue = 0, targetValue = 100 }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created))!["keyResult"]!.Id();
        running[keyResult] = running[goal];
        return keyResult;
    }

    private async Task<Guid> ActionAsync(HttpClient client, Guid goal, Guid? keyResult, bool runs)
    {
        var action = (await client.CreateActionAsync(goal, keyResult)).Id();
        running[action] = runs;
        return action;
    }
}
