using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Figures;

/// <summary>
/// Closing a period keeps its figures as final snapshots; a second write of the same day leaves the rows a first write
/// would (the changed ones rewritten, the unchanged ones kept, those of deleted subjects gone), never adds.
/// </summary>
public sealed class SnapshotTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    [Fact]
    public async Task ClosingAPeriod_WritesOneFinalSnapshotPerEntity_WithTheStoredFigures()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var action = (await scene.Leader.Client.CreateActionAsync(scene.GoalId, scene.KeyResultId)).Id();
        await CheckInAsync(scene.Leader.Client, $"/api/key-results/{scene.KeyResultId}/check-ins", new { value = 50, confidence = 0.8 });
        await CheckInAsync(scene.Leader.Client, $"/api/key-results/{scene.KeyResultId}/check-ins", new { value = 150, confidence = 0.4 });
        await CheckInAsync(scene.Leader.Client, $"/api/actions/{action}/check-ins", new { progress = 0.5, confidence = 0.9 });

        var close = await factory.Admin.PostJsonAsync($"/api/periods/{scene.PeriodId}/state", new { state = "Closed" });
        await close.ShouldHaveStatusAsync(HttpStatusCode.OK);

        var snapshots = await factory.WithDbAsync(db => db.ProgressSnapshots.Where(s => s.PeriodId == scene.PeriodId).ToListAsync());
        var areaCount = await factory.WithDbAsync(db => db.PeriodFigures.CountAsync(f => f.PeriodId == scene.PeriodId));
        snapshots.Count.ShouldBe(3 + areaCount);
        snapshots.ShouldAllBe(s => s.IsFinal && s.Date == new DateOnly(2027, 3, 15));

        // By hand: KR = 150/200 = 0.75 with the latest confidence 0.4, two check-ins; the goal has one KR.
        var kr = snapshots.Single(s => s.SubjectKind == FigureSubject.KeyResult);
        (kr.SubjectId, kr.OrgUnitId, kr.Figures.Progress, kr.Figures.Confidence, kr.InputCount).ShouldBe((scene.KeyResultId, scene.Unit.Id, 0.75, 0.4, 2));
        var goal = snapshots.Single(s => s.SubjectKind == FigureSubject.Goal);
        (goal.SubjectId, goal.Figures.Progress, goal.Figures.Confidence, goal.InputCount).ShouldBe((scene.GoalId, 0.75, 0.4, 1));
        var actionSnapshot = snapshots.Single(s => s.SubjectKind == FigureSubject.Action);
        (actionSnapshot.SubjectId, actionSnapshot.Figures.Progress, actionSnapshot.InputCount).ShouldBe((action, 0.5, 1));
        var unit = snapshots.Single(s => s.SubjectKind == FigureSubject.OrgUnit && s.SubjectId == scene.Unit.Id);
        (unit.OrgUnitId, unit.Figures.Progress, unit.Figures.GoalCount, unit.Figures.KeyResultCount, unit.Figures.ActionCount, unit.Figures.KeyResultsWithActionCount, unit.Figures.OrphanGoalCount, unit.StaleKeyResultCount)
            .ShouldBe((scene.Unit.Id, 0.75, 1, 1, 1, 1, 1, 0));
    }

    [Fact]
    public async Task WritingTheSameDayTwice_ReplacesTheRows()
    {
        var scene = await factory.ArrangeGoalSceneAsync("Sociale Forhold");

        var first = await WriteAsync(scene.PeriodId, new DateOnly(2027, 3, 14));
        await CheckInAsync(scene.Leader.Client, $"/api/key-results/{scene.KeyResultId}/check-ins", new { value = 100, confidence = 0.7 });
        var second = await WriteAsync(scene.PeriodId, new DateOnly(2027, 3, 14));

        second.ShouldBe(first);
        var rows = await factory.WithDbAsync(db => db.ProgressSnapshots
            .Where(s => s.PeriodId == scene.PeriodId && s.SubjectId == scene.KeyResultId).ToListAsync());
        rows.Count.ShouldBe(1);
        (rows[0].Figures.Progress, rows[0].InputCount, rows[0].IsFinal).ShouldBe((0.5, 1, false));
    }

    [Fact]
    public async Task WritingTheSameDayAgain_AfterADraftKeyResultIsDeleted_DropsItsRowAndKeepsTheUnchangedOnes()
    {
        var unit = await factory.CreateUnitAsync("Børn og Unge");
        var leader = await factory.CreatePersonAsync("Dorte Dahl", unit.Id, Role.Leader);
        var plan = await factory.ArrangePlanningAsync();
        var goalId = await leader.Client.CreateGoalAsync(plan.PeriodId, unit.Id, "Flere børn i trivsel", "Børn trives i skolen");
        var kept = await AddKeyResultAsync(leader, goalId, "Trivselsmåling");
        var deleted = await AddKeyResultAsync(leader, goalId, "Fravær");
        var date = new DateOnly(2027, 3, 14);

        var first = await WriteAsync(plan.PeriodId, date);
        var before = await SnapshotsAsync(plan.PeriodId, date);
        await (await leader.Client.DeleteAsync($"/api/key-results/{deleted}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var second = await WriteAsync(plan.PeriodId, date);

        var after = await SnapshotsAsync(plan.PeriodId, date);
        second.ShouldBe(first - 1);
        after.Count.ShouldBe(second);
        after.ShouldNotContain(s => s.SubjectId == deleted);
        // Both key results had no check-in and the same progress: the goal's figures did not move, its input count did.
        after.Single(s => s.SubjectId == kept).Id.ShouldBe(before.Single(s => s.SubjectId == kept).Id);
        var goal = after.Single(s => s.SubjectId == goalId);
        (goal.Id, goal.InputCount).ShouldBe((before.Single(s => s.SubjectId == goalId).Id, 1));
        before.Single(s => s.SubjectId == goalId).InputCount.ShouldBe(2);
    }

    [Fact]
    public async Task AKeyResultWithoutCheckInForLongerThanTheStaleLimit_CountsAsStaleInItsUnitsSnapshot()
    {
        var scene = await factory.ArrangeGoalSceneAsync("Borgerservice og Kultur");
        await factory.WithDbAsync(db => db.KeyResults.Where(k => k.Id == scene.KeyResultId)
            .ExecuteUpdateAsync(u => u.SetProperty(k => k.CreatedAt, new DateTime(2027, 2, 1, 0, 0, 0, DateTimeKind.Utc))));

        await WriteAsync(scene.PeriodId, new DateOnly(2027, 3, 15));

        var unit = await factory.WithDbAsync(db => db.ProgressSnapshots
            .SingleAsync(s => s.PeriodId == scene.PeriodId && s.SubjectKind == FigureSubject.OrgUnit && s.SubjectId == scene.Unit.Id));
        unit.StaleKeyResultCount.ShouldBe(1);
    }

    /// <summary>What the nightly job does for one period: recompute, then snapshot.</summary>
    private async Task<int> WriteAsync(Guid periodId, DateOnly date)
    {
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<FigureCalculator>().RecalculatePeriodAsync(periodId, CancellationToken.None);
        var writer = scope.ServiceProvider.GetRequiredService<SnapshotWriter>();
        var written = await writer.WriteAsync(periodId, date, isFinal: false, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<IVisionTrackerDbContext>().SaveChangesAsync(CancellationToken.None);
        return written;
    }

    private Task<List<ProgressSnapshot>> SnapshotsAsync(Guid periodId, DateOnly date) =>
        factory.WithDbAsync(db => db.ProgressSnapshots.AsNoTracking().Where(s => s.PeriodId == periodId && s.Date == date).ToListAsync());

    private static async Task<Guid> AddKeyResultAsync(TestPerson leader, Guid goalId, string title) =>
        (await (await leader.Client.PostJsonAsync($"/api/goals/{goalId}/key-results", new { title, metricKind = "YesNo" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created))!["keyResult"]!.Id();

    private static async Task CheckInAsync(HttpClient client, string url, object body) =>
        await (await client.PostJsonAsync(url, body)).ShouldHaveStatusAsync(HttpStatusCode.Created);
}
