using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Figures;

/// <summary>
/// The incremental roll-up held to the full recomputation: a long random (seeded, so repeatable) sequence of commands
/// over HTTP — check-ins, state changes, re-parenting, alignment reviews, weight changes, deletes of draft key results,
/// moves of org units — and after each one the recomputation must find nothing to repair.
/// </summary>
[LongRunning]
public sealed class IncrementalFiguresTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private const int Steps = 120;

    [Fact]
    public async Task ARandomSequenceOfCommands_LeavesExactlyTheFiguresAFullRecomputationGives()
    {
        var random = new Random(20261130);
        var department = await factory.CreateUnitAsync("Teknik og Miljø");
        var left = await factory.CreateUnitAsync("Mobilitet", department.Id, OrgUnitKind.Division);
        var right = await factory.CreateUnitAsync("Klima", department.Id, OrgUnitKind.Division);
        var team = await factory.CreateUnitAsync("Cykelteam", left.Id, OrgUnitKind.Unit);
        var other = await factory.CreateUnitAsync("Børn og Unge");
        var head = await factory.CreatePersonAsync("Dorte Direktør", factory.RootUnitId, Role.DepartmentHead);
        var plan = await factory.ArrangePlanningAsync();
        var client = head.Client;
        var units = new[] { department.Id, left.Id, right.Id, team.Id, other.Id };

        var goals = new List<Guid>();
        var keyResults = new List<(Guid Id, Guid Goal, string Kind)>();
        var actions = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            var goal = (await (await client.PostJsonAsync("/api/goals", new
            {
                periodId = plan.PeriodId,
                ownerUnitId = units[i % units.Length],
                title = $"Mål {i}",
                citizenValue = "Borgerne får glæde af det",
                coCreationLevel = "None",
                greenTransition = i % 2 == 0,
                parentGoalId = i is 3 or 6 ? goals[0] : (Guid?)null,
            })).ShouldHaveStatusAsync(HttpStatusCode.Created))!.Id();
            goals.Add(goal);
            foreach (var theme in plan.ThemeIds.Take(1 + (i % 2)))
            {
                await (await client.PutJsonAsync($"/api/goals/{goal}/themes/{theme}", new { rationale = "Tjener temaet" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            }

            foreach (var kind in new[] { "Number", "YesNo", "Milestone" }.Take(i % 4))
            {
                var body = kind switch
                {
                    "Number" => (object)new { title = "Antal", metricKind = kind, startValue = 10, targetValue = 110 },
                    "Milestone" => new { title = "Trin", metricKind = kind, milestones = new[] { "1", "2", "3" } },
                    _ => new { title = "Vedtaget", metricKind = kind },
                };
                var kr = (await (await client.PostJsonAsync($"/api/goals/{goal}/key-results", body)).ShouldHaveStatusAsync(HttpStatusCode.Created))!["keyResult"]!.Id();
                keyResults.Add((kr, goal, kind));
                actions.Add((await client.CreateActionAsync(goal, random.Next(2) == 0 ? kr : null)).Id());
            }

            if (i != 7)
            {
                await (await client.PostJsonAsync($"/api/goals/{goal}/state", new { state = "Active" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            }
        }

        await ShouldNeedNoRepairAsync(plan.PeriodId, "after arranging");

        var done = new List<string>();
        for (var step = 0; step < Steps; step++)
        {
            var goal = goals[random.Next(goals.Count)];
            (string Name, HttpResponseMessage Response) command = random.Next(11) switch
            {
                0 or 1 or 2 when keyResults.Count > 0 => await CheckInAsync(client, keyResults[random.Next(keyResults.Count)], random),
                3 when actions.Count > 0 => ("action check-in", await client.PostJsonAsync($"/api/actions/{actions[random.Next(actions.Count)]}/check-ins", new
                {
                    progress = Math.Round(random.NextDouble(), 2),
                    confidence = Math.Round(random.NextDouble(), 2),
                    note = "Status",
                })),
                4 => ("goal state", await client.PostJsonAsync($"/api/goals/{goal}/state", new { state = Pick(random, "Active", "Achieved", "Abandoned", "Draft") })),
                5 => ("parent", await client.PutJsonAsync($"/api/goals/{goal}/parent", new { parentGoalId = random.Next(3) == 0 ? (Guid?)null : goals[random.Next(goals.Count)] })),
                6 => ("review", await client.PostJsonAsync($"/api/goals/{goal}/themes/{plan.ThemeIds[random.Next(2)]}/review", new
                {
                    decision = Pick(random, "Accepted", "Rejected", "ChangesRequested"),
                    comment = "Vurderet",
                })),
                7 when keyResults.Count > 0 => ("weight", await client.PutJsonAsync($"/api/key-results/{keyResults[random.Next(keyResults.Count)].Id}/weight", new { weight = random.Next(4) })),
                8 when keyResults.Count > 0 => await DeleteAsync(client, keyResults, random),
                9 => ("move unit", await factory.Admin.PostJsonAsync($"/api/org-units/{team.Id}/move", new { parentId = random.Next(2) == 0 ? left.Id : right.Id })),
                _ when actions.Count > 0 => ("action state", await client.PostJsonAsync($"/api/actions/{actions[random.Next(actions.Count)]}/state", new
                {
                    state = Pick(random, "InProgress", "Done", "Blocked", "Cancelled", "Planned"),
                })),
                _ => ("archive", await client.PostAsync($"/api/goals/{goal}/{(random.Next(2) == 0 ? "archive" : "restore")}", null)),
            };

            // Commands the rules refuse (a state that cannot follow, a cycle of parents) are fine; a server error is not.
            var (name, response) = command;
            ((int)response.StatusCode).ShouldBeLessThan(500, await response.Content.ReadAsStringAsync());
            done.Add($"{step}: {name} → {(int)response.StatusCode}");
            await ShouldNeedNoRepairAsync(plan.PeriodId, string.Join("\n", done.TakeLast(3)));
        }

        done.Count(d => d.EndsWith("→ 200", StringComparison.Ordinal) || d.EndsWith("→ 201", StringComparison.Ordinal) || d.EndsWith("→ 204", StringComparison.Ordinal))
            .ShouldBeGreaterThan(Steps / 2, "most commands should have changed something");
    }

    private async Task ShouldNeedNoRepairAsync(Guid periodId, string after)
    {
        using var scope = factory.Services.CreateScope();
        var found = new List<string>();
        await scope.ServiceProvider.GetRequiredService<FigureCalculator>().RecalculatePeriodAsync(periodId, CancellationToken.None, found);
        found.ShouldBeEmpty($"the recomputation repaired figures after\n{after}");
    }

    private static async Task<(string, HttpResponseMessage)> CheckInAsync(HttpClient client, (Guid Id, Guid Goal, string Kind) kr, Random random)
    {
        object body = kr.Kind switch
        {
            "YesNo" => new { value = random.Next(2), confidence = Math.Round(random.NextDouble(), 2), note = "Status" },
            "Milestone" => new { milestoneIds = await MilestonesAsync(client, kr.Id, random), confidence = Math.Round(random.NextDouble(), 2), note = "Status" },
            _ => new { value = random.Next(0, 130), confidence = Math.Round(random.NextDouble(), 2), note = "Status" },
        };
        return ($"check-in {kr.Kind}", await client.PostJsonAsync($"/api/key-results/{kr.Id}/check-ins", body));
    }

    private static async Task<Guid[]> MilestonesAsync(HttpClient client, Guid keyResultId, Random random)
    {
        var response = await client.GetAsync($"/api/key-results/{keyResultId}");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return [];
        }

        var milestones = (await response.ShouldHaveStatusAsync(HttpStatusCode.OK))!["milestones"]!.AsArray();
        return milestones.Where(_ => random.Next(2) == 0).Select(m => m!.Id()).ToArray();
    }

    private static async Task<(string, HttpResponseMessage)> DeleteAsync(HttpClient client, List<(Guid Id, Guid Goal, string Kind)> keyResults, Random random)
    {
        var kr = keyResults[random.Next(keyResults.Count)];
        var response = await client.DeleteAsync($"/api/key-results/{kr.Id}");
        if (response.IsSuccessStatusCode)
        {
            keyResults.Remove(kr);
        }

        return ("delete key result", response);
    }

    private static string Pick(Random random, params string[] values) => values[random.Next(values.Length)];
}
