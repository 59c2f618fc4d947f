using System.Net;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Organisation;
using VisionTracker.Infrastructure.Jobs;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Jobs;

/// <summary>
/// The nightly roll-up over a database whose stored figures were deliberately corrupted: it repairs exactly the wrong
/// values (the REST API shows the figures worked out by hand again), files one snapshot per entity, and a second run
/// changes nothing.
/// </summary>
public sealed class NightlyRollupTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private const double Tolerance = 1e-9;

    private static readonly DateOnly Today = new(2027, 3, 15);

    [Fact]
    public async Task NightlyRollup_OnCorruptedFigures_RepairsThemWritesOneSnapshotPerEntityAndASecondRunChangesNothing()
    {
        var scene = await ArrangeSceneAsync();
        // By hand: KR1 = 120/200 = 0.6; KR2 = (90-100)/(60-100) = 0.25; A = (0.6·1 + 0.25·3)/4 = 0.3375, confidence
        // min(0.6, 0.9) = 0.6. KR3 (yes/no) = 1, B = 1, confidence 0.5. Theme "green" = A; the department = mean(A, B).
        const double kr1 = 0.6, goalA = 0.3375, goalB = 1.0;
        await AssertFiguresAsync(scene, kr1, goalA, goalB, kr2Confidence: 0.9, actionProgress: 0, departmentGoals: 2);

        await factory.WithDbAsync(async db =>
        {
            (await db.KeyResults.SingleAsync(k => k.Id == scene.Kr1)).Progress = 0.95;
            (await db.KeyResults.SingleAsync(k => k.Id == scene.Kr2)).Confidence = 0.1;
            (await db.Goals.SingleAsync(g => g.Id == scene.GoalA)).Progress = 0.05;
            (await db.Goals.SingleAsync(g => g.Id == scene.GoalB)).Confidence = 0.99;
            (await db.Actions.SingleAsync(a => a.Id == scene.ActionId)).Progress = 0.7;
            var theme = await db.PeriodFigures.SingleAsync(f => f.PeriodId == scene.PeriodId && f.SubjectId == scene.GreenTheme);
            theme.Figures = theme.Figures with { Progress = 0.9 };
            var department = await db.PeriodFigures.SingleAsync(f => f.PeriodId == scene.PeriodId && f.SubjectId == scene.DepartmentId);
            department.Figures = department.Figures with { GoalCount = 17 };
            return await db.SaveChangesAsync();
        });
        await AssertFiguresAsync(scene, 0.95, 0.05, goalB, kr2Confidence: 0.1, actionProgress: 0.7, departmentGoals: 17, themeProgress: 0.9);

        var first = await SendAsync(new RecalculatePeriodFiguresCommand(scene.PeriodId, Today));

        first.Repairs.ShouldBe(7);
        await AssertFiguresAsync(scene, kr1, goalA, goalB, kr2Confidence: 0.9, actionProgress: 0, departmentGoals: 2);
        var snapshots = await SnapshotsAsync(scene.PeriodId);
        var areas = await factory.WithDbAsync(db => db.PeriodFigures.CountAsync(f => f.PeriodId == scene.PeriodId));
        snapshots.Count.ShouldBe(2 + 3 + 1 + areas);
        first.Snapshots.ShouldBe(snapshots.Count);
        snapshots.GroupBy(s => (s.SubjectKind, s.SubjectId)).ShouldAllBe(g => g.Count() == 1);
        snapshots.Single(s => s.SubjectId == scene.GoalA).Figures.Progress!.Value.ShouldBe(goalA, Tolerance);
        snapshots.Single(s => s.SubjectId == scene.Kr1).Figures.Progress!.Value.ShouldBe(kr1, Tolerance);
        snapshots.Single(s => s.SubjectId == scene.DepartmentId).Figures.Progress!.Value.ShouldBe((goalA + goalB) / 2, Tolerance);
        snapshots.Single(s => s.SubjectId == scene.DepartmentId).Figures.GoalCount.ShouldBe(2);

        // The second run is the job itself, as Hangfire calls it, over every period.
        await RunNightlyJobAsync();
        var second = await SendAsync(new RecalculatePeriodFiguresCommand(scene.PeriodId, Today));

        second.Repairs.ShouldBe(0);
        second.Snapshots.ShouldBe(snapshots.Count);
        var again = await SnapshotsAsync(scene.PeriodId);
        // Nothing moved between the runs, so the second one rewrites no row: the same rows, ids and times taken included.
        again.Select(s => (s.Id, s.SubjectKind, s.SubjectId, s.Figures.Progress, s.Figures.Confidence, s.Figures.GoalCount, s.InputCount, s.TakenAt))
            .ShouldBe(snapshots.Select(s => (s.Id, s.SubjectKind, s.SubjectId, s.Figures.Progress, s.Figures.Confidence, s.Figures.GoalCount, s.InputCount, s.TakenAt)), ignoreOrder: true);
        await AssertFiguresAsync(scene, kr1, goalA, goalB, kr2Confidence: 0.9, actionProgress: 0, departmentGoals: 2);
    }

    [Fact]
    public async Task NightlyRollup_ClosedPeriod_IsRepairedButGetsNoDailySnapshot()
    {
        var scene = await ArrangeSceneAsync();
        await (await factory.Admin.PostJsonAsync($"/api/periods/{scene.PeriodId}/state", new { state = "Closed" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var final = await SnapshotsAsync(scene.PeriodId);
        await factory.WithDbAsync(async db =>
        {
            (await db.KeyResults.SingleAsync(k => k.Id == scene.Kr1)).Progress = 0.01;
            return await db.SaveChangesAsync();
        });

        var result = await SendAsync(new RecalculatePeriodFiguresCommand(scene.PeriodId, Today.AddDays(1)));

        result.Repairs.ShouldBeGreaterThanOrEqualTo(1);
        result.Snapshots.ShouldBe(0);
        (await SnapshotsAsync(scene.PeriodId, Today.AddDays(1))).ShouldBeEmpty();
        (await SnapshotsAsync(scene.PeriodId)).Count.ShouldBe(final.Count);
        var kr = await factory.WithDbAsync(db => db.KeyResults.AsNoTracking().SingleAsync(k => k.Id == scene.Kr1));
        kr.Progress.ShouldBe(0.6, Tolerance);
    }

    [Fact]
    public async Task NightlyRollup_ClosedPeriodUnchangedSinceItsLastRun_IsSkippedUntilTheUnitTreeChanges()
    {
        var scene = await ArrangeSceneAsync();
        await (await factory.Admin.PostJsonAsync($"/api/periods/{scene.PeriodId}/state", new { state = "Closed" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var first = await SendAsync(new RecalculatePeriodFiguresCommand(scene.PeriodId, Today.AddDays(1)));
        // Nothing inside a closed period can change; a stored value edited behind the service's back is left alone.
        await factory.WithDbAsync(async db =>
        {
            (await db.KeyResults.SingleAsync(k => k.Id == scene.Kr1)).Progress = 0.01;
            return await db.SaveChangesAsync();
        });

        var unchanged = await SendAsync(new RecalculatePeriodFiguresCommand(scene.PeriodId, Today.AddDays(2)));
        var unit = await factory.CreateUnitAsync("Affald og Genbrug", scene.DepartmentId, OrgUnitKind.Unit);
        var afterNewUnit = await SendAsync(new RecalculatePeriodFiguresCommand(scene.PeriodId, Today.AddDays(3)));

        first.Skipped.ShouldBeFalse();
        unchanged.ShouldBe(new PeriodRecalculation(0, 0, Skipped: true));
        afterNewUnit.Skipped.ShouldBeFalse();
        afterNewUnit.Repairs.ShouldBeGreaterThanOrEqualTo(2);
        var kr = await factory.WithDbAsync(db => db.KeyResults.AsNoTracking().SingleAsync(k => k.Id == scene.Kr1));
        kr.Progress.ShouldBe(0.6, Tolerance);
        (await factory.WithDbAsync(db => db.PeriodFigures.AnyAsync(f => f.PeriodId == scene.PeriodId && f.SubjectId == unit.Id))).ShouldBeTrue();
        (await SendAsync(new RecalculatePeriodFiguresCommand(scene.PeriodId, Today.AddDays(4)))).Skipped.ShouldBeTrue();
    }

    [Fact]
    public async Task NightlyRollup_PeriodNotBegunByTheDate_IsRepairedButGetsNoSnapshot()
    {
        var scene = await ArrangeSceneAsync();
        var start = await factory.WithDbAsync(db => db.Periods.Where(p => p.Id == scene.PeriodId).Select(p => p.Start).SingleAsync());
        var dayBefore = start.AddDays(-1);
        await factory.WithDbAsync(async db =>
        {
            (await db.KeyResults.SingleAsync(k => k.Id == scene.Kr1)).Progress = 0.01;
            return await db.SaveChangesAsync();
        });

        var before = await SendAsync(new RecalculatePeriodFiguresCommand(scene.PeriodId, dayBefore));
        var onStart = await SendAsync(new RecalculatePeriodFiguresCommand(scene.PeriodId, start));

        before.Repairs.ShouldBeGreaterThanOrEqualTo(1);
        before.Snapshots.ShouldBe(0);
        (await SnapshotsAsync(scene.PeriodId, dayBefore)).ShouldBeEmpty();
        onStart.Snapshots.ShouldBeGreaterThan(0);
        (await SnapshotsAsync(scene.PeriodId, start)).Count.ShouldBe(onStart.Snapshots);
        var kr = await factory.WithDbAsync(db => db.KeyResults.AsNoTracking().SingleAsync(k => k.Id == scene.Kr1));
        kr.Progress.ShouldBe(0.6, Tolerance);
    }

    [Fact]
    public async Task RecalculatePeriodFigures_UnknownPeriod_IsNotFoundAndWritesNothing()
    {
        var before = await factory.WithDbAsync(db => db.ProgressSnapshots.CountAsync());

        await Should.ThrowAsync<Application.Common.NotFoundException>(() => SendAsync(new RecalculatePeriodFiguresCommand(Guid.NewGuid(), Today)));

        (await factory.WithDbAsync(db => db.ProgressSnapshots.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task AuditEntry_WrittenInAJobScope_NamesTheJobAsTheActor()
    {
        using var scope = factory.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<SystemActor>().Become(SystemActor.ForJob("figures-nightly"));
        var db = scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.VisionTrackerDbContext>();
        var root = await db.OrgUnits.SingleAsync(u => u.Id == factory.RootUnitId);
        var unit = OrgUnit.Create("JOBAUDIT", "Jobenhed", OrgUnitKind.Unit, root);
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync();

        var page = (await (await factory.Admin.GetAsync($"/api/audit?entityType=OrgUnit&entityId={unit.Id}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;

        var entry = page["items"]!.AsArray().Single()!;
        entry["command"]!.GetValue<string>().ShouldStartWith("system:job:figures-nightly: ");
        entry["actorId"].ShouldBeNull();
    }

    private async Task<Scene> ArrangeSceneAsync()
    {
        var department = await factory.CreateUnitAsync("Teknik og Miljø");
        var unit = await factory.CreateUnitAsync("Klima og Miljø", department.Id, OrgUnitKind.Unit);
        var head = await factory.CreatePersonAsync("Dorte Direktør", department.Id, Role.DepartmentHead);
        var plan = await factory.ArrangePlanningAsync();
        var client = head.Client;

        var a = await GoalAsync(client, plan.PeriodId, department.Id, "A: Flere cyklister", plan.ThemeIds[0]);
        var b = await GoalAsync(client, plan.PeriodId, unit.Id, "B: Grønne skolegårde", plan.ThemeIds[1]);
        var kr1 = await KeyResultAsync(client, a, new { title = "Cykelture", metricKind = "Number", startValue = 0, targetValue = 200 });
        var kr2 = await KeyResultAsync(client, a, new { title = "CO2 tons", metricKind = "Number", direction = "Decrease", startValue = 100, targetValue = 60, weight = 3 });
        var kr3 = await KeyResultAsync(client, b, new { title = "Plan vedtaget", metricKind = "YesNo" });
        foreach (var goal in new[] { a, b })
        {
            await (await client.PostJsonAsync($"/api/goals/{goal}/state", new { state = "Active" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        var action = (await client.CreateActionAsync(a, kr1)).Id();
        await CheckInAsync(client, kr1, new { value = 120, confidence = 0.6, note = "Vinteren bremser" });
        await CheckInAsync(client, kr2, new { value = 90, confidence = 0.9, note = "Første effekt" });
        await CheckInAsync(client, kr3, new { value = 1, confidence = 0.5, note = "Vedtaget i byrådet" });
        return new Scene(client, plan.PeriodId, department.Id, plan.ThemeIds[0], a, b, kr1, kr2, action);
    }

    private static async Task AssertFiguresAsync(
        Scene scene, double kr1, double goalA, double goalB, double kr2Confidence, double actionProgress, int departmentGoals, double? themeProgress = null)
    {
        var tree = (await (await scene.Client.GetAsync($"/api/vision/tree?periodId={scene.PeriodId}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        var green = tree["themes"]!.AsArray().Single(t => t!["id"]!.GetValue<Guid>() == scene.GreenTheme)!;
        green["figures"]!["progress"]!.GetValue<double>().ShouldBe(themeProgress ?? goalA, Tolerance);
        var nodeA = green["goals"]!.AsArray().Single(g => g!["id"]!.GetValue<Guid>() == scene.GoalA)!;
        nodeA["figures"]!["progress"]!.GetValue<double>().ShouldBe(goalA, Tolerance);
        var krs = nodeA["keyResults"]!.AsArray();
        KeyResult(krs, scene.Kr1)["progress"]!.GetValue<double>().ShouldBe(kr1, Tolerance);
        KeyResult(krs, scene.Kr2)["confidence"]!.GetValue<double>().ShouldBe(kr2Confidence, Tolerance);
        var actions = krs.Single(k => k!["keyResult"]!["id"]!.GetValue<Guid>() == scene.Kr1)!["actions"]!.AsArray();
        actions.Single(x => x!["id"]!.GetValue<Guid>() == scene.ActionId)!["progress"]!.GetValue<double>().ShouldBe(actionProgress, Tolerance);

        var goal = (await (await scene.Client.GetAsync($"/api/goals/{scene.GoalB}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        goal["figures"]!["progress"]!.GetValue<double>().ShouldBe(goalB, Tolerance);

        var dept = (await (await scene.Client.GetAsync($"/api/org-units/{scene.DepartmentId}/goals?periodId={scene.PeriodId}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        dept["alignment"]!["goalCount"]!.GetValue<int>().ShouldBe(departmentGoals);
    }

    private static JsonNode KeyResult(JsonArray krs, Guid id) => krs.Single(k => k!["keyResult"]!["id"]!.GetValue<Guid>() == id)!["keyResult"]!;

    private async Task<PeriodRecalculation> SendAsync(RecalculatePeriodFiguresCommand command)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private async Task RunNightlyJobAsync() =>
        await factory.Services.GetRequiredService<RecurringJobRunner>().RunAsync(FiguresNightlyJob.JobId, CancellationToken.None);

    private Task<List<ProgressSnapshot>> SnapshotsAsync(Guid periodId, DateOnly? date = null) =>
        factory.WithDbAsync(db => db.ProgressSnapshots.AsNoTracking()
            .Where(s => s.PeriodId == periodId && (date == null || s.Date == date))
            .OrderBy(s => s.Id)
            .ToListAsync());

    private static async Task<Guid> GoalAsync(HttpClient client, Guid periodId, Guid unitId, string title, Guid theme)
    {
        var goal = await (await client.PostJsonAsync("/api/goals", new
        {
            periodId,
            ownerUnitId = unitId,
            title,
            citizenValue = "Borgerne får en grønnere by",
            coCreationLevel = "Involve",
            greenTransition = true,
        })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = goal!["id"]!.GetValue<Guid>();
        await (await client.PutJsonAsync($"/api/goals/{id}/themes/{theme}", new { rationale = "Tjener temaet" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        return id;
    }

    private static async Task<Guid> KeyResultAsync(HttpClient client, Guid goalId, object body) =>
        (await (await client.PostJsonAsync($"/api/goals/{goalId}/key-results", body)).ShouldHaveStatusAsync(HttpStatusCode.Created))!["keyResult"]!["id"]!.GetValue<Guid>();

    private static async Task CheckInAsync(HttpClient client, Guid keyResultId, object body) =>
        await (await client.PostJsonAsync($"/api/key-results/{keyResultId}/check-ins", body)).ShouldHaveStatusAsync(HttpStatusCode.Created);

    private sealed record Scene(HttpClient Client, Guid PeriodId, Guid DepartmentId, Guid GreenTheme, Guid GoalA, Guid GoalB, Guid Kr1, Guid Kr2, Guid ActionId);
}
