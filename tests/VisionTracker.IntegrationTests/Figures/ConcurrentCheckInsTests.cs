using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Figures;

/// <summary>
/// Check-ins on one goal chain sent at once (through the write queue's batches, on SQLite and on PostgreSQL): every one
/// is answered 201, the figures are those of running them one after the other, each key result holds the value and
/// confidence of its newest check-in by time, and a check-in leaves its goal's ETag valid. Refused check-ins among them
/// (failing inside the write queue, in a batch beside accepted ones) are undone alone.
/// </summary>
public sealed class ConcurrentCheckInsTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private const int Clients = 8;
    private const int CheckInsPerClient = 5;

    [Fact]
    public async Task CheckInsOnOneGoalChainAtOnce_AllSucceedAndLeaveTheFiguresOfRunningThemInTurn()
    {
        var unit = await factory.CreateUnitAsync("Sociale Forhold og Beskæftigelse");
        var head = await factory.CreatePersonAsync("Søren Chef", unit.Id, Role.DepartmentHead);
        var periodId = await factory.ArrangePeriodAsync();
        var parent = await factory.ArrangeGoalAsync(periodId, unit.Id, head.Id, "Flere i job");
        var children = new[] { await factory.ArrangeGoalAsync(periodId, unit.Id, head.Id, "Unge i job"), await factory.ArrangeGoalAsync(periodId, unit.Id, head.Id, "Ledige i job") };
        var keyResults = new List<Guid>();
        foreach (var child in children)
        {
            await (await head.Client.PutJsonAsync($"/api/goals/{child}/parent", new { parentGoalId = parent })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            keyResults.Add(await factory.ArrangeKeyResultAsync(child, head.Id, target: 100));
            keyResults.Add(await factory.ArrangeKeyResultAsync(child, head.Id, target: 100));
        }

        var goalETag = (await head.Client.GetAsync($"/api/goals/{parent}")).Headers.ETag!.Tag;
        var clients = Enumerable.Range(0, Clients).Select(_ => factory.ClientWithToken(head.Token)).ToList();

        // Beside them: check-ins refused inside the write queue (milestones named for a key result measured by a number),
        // and new actions on the same goals (a command that updates its own figures, in a batch with check-ins).
        var others = Task.Run(async () =>
        {
            var client = factory.ClientWithToken(head.Token);
            var codes = new List<HttpStatusCode>();
            for (var i = 0; i < CheckInsPerClient; i++)
            {
                var kr = keyResults[i % keyResults.Count];
                var response = await client.PostJsonAsync($"/api/key-results/{kr}/check-ins", new { milestoneIds = new[] { Guid.NewGuid() }, confidence = 0.5 });
                codes.Add(response.StatusCode);
                await client.CreateActionAsync(children[i % keyResults.Count / 2], kr, $"Indsats {i}");
            }

            return codes;
        });

        var answers = await Task.WhenAll(clients.Select((client, c) => Task.Run(async () =>
        {
            var codes = new List<HttpStatusCode>();
            for (var i = 0; i < CheckInsPerClient; i++)
            {
                var kr = keyResults[(c + i) % keyResults.Count];
                var response = await client.PostJsonAsync($"/api/key-results/{kr}/check-ins", new { value = (c * 10) + i, confidence = 0.5 + (i / 10.0), note = $"Klient {c}" });
                codes.Add(response.StatusCode);
            }

            return codes;
        })));

        answers.SelectMany(a => a).ShouldAllBe(code => code == HttpStatusCode.Created);
        (await others).ShouldAllBe(code => code == HttpStatusCode.BadRequest);
        (await factory.WithDbAsync(db => db.CheckIns.CountAsync(c => c.KeyResultId != null && keyResults.Contains(c.KeyResultId.Value)))).ShouldBe(Clients * CheckInsPerClient);

        (await RecalculateAsync(periodId)).ShouldBeEmpty();

        foreach (var kr in keyResults)
        {
            var (newest, stored) = await factory.WithDbAsync(async db =>
            {
                var newest = await db.CheckIns.Where(c => c.KeyResultId == kr).OrderByDescending(c => c.At).ThenByDescending(c => c.Id).FirstAsync();
                return (newest, await db.KeyResults.AsNoTracking().SingleAsync(k => k.Id == kr));
            });
            stored.CurrentValue.ShouldBe(newest.Value!.Value);
            stored.Confidence.ShouldBe(newest.Confidence);
            stored.LastCheckInAt.ShouldBe(newest.At);
        }

        // Figures are derived: check-ins below the goal did not change the goal as a resource.
        var rename = await head.Client.PutJsonAsync($"/api/goals/{parent}", new
        {
            title = "Flere aarhusianere i job",
            citizenValue = "Flere forsørger sig selv",
            coCreationLevel = "None",
            greenTransition = false,
        }, goalETag);
        await rename.ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    private async Task<List<string>> RecalculateAsync(Guid periodId)
    {
        using var scope = factory.Services.CreateScope();
        var found = new List<string>();
        await scope.ServiceProvider.GetRequiredService<FigureCalculator>().RecalculatePeriodAsync(periodId, CancellationToken.None, found);
        return found;
    }
}
