using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.OData;

/// <summary>
/// The AsOf functions replay the check-ins and the audited history for any day of a period, without snapshots. A
/// ten-day period (15–24 March 2027) is played through the API: two goals, a key result each, check-ins on three days,
/// goal B achieved on the 18th (it stops counting), goal A's alignment moved from theme 1 to theme 2 on the 19th. No
/// nightly job runs. Each day's expected figures are worked out here from the same events, by hand.
/// </summary>
public sealed class PointInTimeTests(PointInTimeScene scene) : IClassFixture<PointInTimeScene>
{
    private const double Tolerance = 1e-9;

    private HttpClient Admin => scene.Factory.Admin;

    /// <summary>
    /// The period's ten days (15 to 24 March) and the two after it up to today, the 26th: today's theme and unit rows are
    /// summed from the stored figures, not replayed, and the period, over since the 24th, has no status then.
    /// </summary>
    public static TheoryData<int> Days => new(Enumerable.Range(0, 12));

    [Theory]
    [MemberData(nameof(Days))]
    public async Task AsOf_EveryDayOfThePeriod_MatchesAReplayOfTheEvents(int offset)
    {
        var day = PointInTimeScene.Start.AddDays(offset);
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (a, b) = (scene.Expected(day, scene.KeyResultA), scene.Expected(day, scene.KeyResultB));
        var goalBCounts = day < new DateOnly(2027, 3, 18);
        var aOnTheme1 = day < new DateOnly(2027, 3, 19);
        var unitGoals = new[] { a }.Concat(goalBCounts ? [b] : []).ToList();
        var theme1Goals = (aOnTheme1 ? new[] { a } : []).Concat(goalBCounts ? [b] : []).ToList();
        var theme2Goals = aOnTheme1 ? [] : new[] { a }.ToList();

        var unit = (await Admin.GetRowsAsync($"/odata/UnitProgressAsOf(date={date})?$filter=UnitId eq {scene.Unit.Id} and PeriodId eq {scene.PeriodId}")).Single()!;
        var themes = (await Admin.GetRowsAsync($"/odata/ThemeProgressAsOf(date={date})?$filter=PeriodId eq {scene.PeriodId}&$orderby=ThemeTitle"))
            .ToDictionary(r => r!.GuidAt("ThemeId"));
        var goals = (await Admin.GetRowsAsync($"/odata/GoalProgressAsOf(date={date})?$filter=PeriodId eq {scene.PeriodId}")).ToDictionary(r => r!.GuidAt("Id"));
        var keyResults = (await Admin.GetRowsAsync($"/odata/KeyResultProgressAsOf(date={date})?$filter=PeriodId eq {scene.PeriodId}")).ToDictionary(r => r!.GuidAt("Id"));
        var fed = await Admin.GetRowsAsync($"/odata/CheckInsAsOf(date={date},subject='OrgUnit',id={scene.Unit.Id})?$select=Id,KeyResultId");

        foreach (var (row, members) in new (JsonNode Row, List<(double? Progress, double? Confidence, int CheckIns)> Members)[]
            { (unit, unitGoals), (themes[scene.Theme1]!, theme1Goals), (themes[scene.Theme2]!, theme2Goals) })
        {
            var what = $"{date}: {row.ToJsonString()}";
            row["GoalCount"]!.GetValue<int>().ShouldBe(members.Count, what);
            row.NullableDouble("Progress").ShouldBeCloseTo(Mean(members.Select(m => m.Progress)), Tolerance, what);
            row.NullableDouble("Confidence").ShouldBeCloseTo(Mean(members.Select(m => m.Confidence)), Tolerance, what);
            row["CheckInCount"]!.GetValue<int>().ShouldBe(members.Sum(m => m.CheckIns), what);
            (row["Status"]?.GetValue<string>() is { Length: > 0 }).ShouldBe(day <= PointInTimeScene.Start.AddDays(9), what);
        }

        fed.Count.ShouldBe(unitGoals.Sum(m => m.CheckIns));
        fed.Select(r => r!.GuidAt("KeyResultId")).Distinct().Count().ShouldBe(unitGoals.Count(m => m.CheckIns > 0));
        goals[scene.GoalB]!["State"]!.GetValue<string>().ShouldBe(goalBCounts ? "Active" : "Achieved");
        foreach (var (goal, keyResult, expected) in new[] { (scene.GoalA, scene.KeyResultA, a), (scene.GoalB, scene.KeyResultB, b) })
        {
            goals[goal]!.NullableDouble("Progress").ShouldBeCloseTo(expected.Progress ?? 0, Tolerance, date);
            goals[goal]!["CheckInCount"]!.GetValue<int>().ShouldBe(expected.CheckIns);
            keyResults[keyResult]!.NullableDouble("Progress").ShouldBeCloseTo(expected.Progress ?? 0, Tolerance, date);
            keyResults[keyResult]!.NullableDouble("Confidence").ShouldBeCloseTo(expected.Confidence, Tolerance, date);
            keyResults[keyResult]!["CheckInCount"]!.GetValue<int>().ShouldBe(expected.CheckIns);
        }
    }

    /// <summary>
    /// Today's sets are read from the stored figures, not replayed: they equal the AsOf function for today, an umbrella
    /// goal's check-ins included (those of its counted child goals: the archived one's do not count).
    /// </summary>
    [Theory]
    [InlineData("GoalProgress")]
    [InlineData("KeyResultProgress")]
    public async Task ProgressToday_IsTheAsOfReplayForToday_UmbrellaAndArchivedGoalsIncluded(string set)
    {
        var stored = (await Admin.WalkAsync($"/odata/{set}")).Rows;
        var replayed = (await Admin.WalkAsync($"/odata/{set}AsOf(date=2027-03-26)")).Rows;

        stored.ShouldContain(r => r["Status"] != null && r.GuidAt("PeriodId") == scene.NextPeriodId, "a running row has a status");
        stored.ShouldContain(r => r["Status"] == null, "a row that does not run has none");
        stored.ShouldBeTheReplayOfToday(replayed, Tolerance, set);
        if (set == "GoalProgress")
        {
            var umbrella = stored.Single(r => r.GuidAt() == scene.Umbrella);
            (umbrella["KeyResultCount"]!.GetValue<int>(), umbrella["CheckInCount"]!.GetValue<int>()).ShouldBe((0, 1), "the milestone check-in; the archived child's does not count");
            umbrella.NullableDouble("Progress").ShouldBeCloseTo(0.5, Tolerance, "one milestone of two");
            stored.Single(r => r.GuidAt() == scene.ArchivedChild)["IsArchived"]!.GetValue<bool>().ShouldBeTrue();
        }
    }

    /// <summary>
    /// A past day's replay is kept until the data changes: a unit added since (the replay uses today's unit tree) is in
    /// the next answer for that day, not hidden by the replay kept from before.
    /// </summary>
    [Fact]
    public async Task AsOf_APastDayAskedAgainAfterAWrite_IsReplayedAgain()
    {
        const string Call = "/odata/UnitProgressAsOf(date=2027-03-20)?$select=UnitId,UnitName,GoalCount";
        var before = await Admin.GetRowsAsync(Call);
        (await Admin.GetRowsAsync(Call)).ToJsonString().ShouldBe(before.ToJsonString(), "the same day asked twice");

        var added = await scene.Factory.CreateUnitAsync("Borgmesterens Afdeling");
        await scene.Factory.RecalculateFiguresAsync(scene.PeriodId);

        var after = await Admin.GetRowsAsync(Call);
        after.Ids("UnitId").ShouldBe([.. before.Ids("UnitId"), added.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task Today_AgreesWithTheStoredFigures()
    {
        var today = await Admin.GetRowsAsync($"/odata/UnitProgressAsOf(date=2027-03-26)?$filter=UnitId eq {scene.Unit.Id} and PeriodId eq {scene.PeriodId}");
        var stored = await Admin.GetRowsAsync($"/odata/UnitProgress?$filter=UnitId eq {scene.Unit.Id} and PeriodId eq {scene.PeriodId}");

        today.Single()!.NullableDouble("Progress").ShouldBeCloseTo(stored.Single()!.NullableDouble("Progress"), Tolerance, "today");
        today.Single()!["GoalCount"]!.GetValue<int>().ShouldBe(stored.Single()!["GoalCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("UnitProgressAsOf(date=2027-03-27)", "in the future")]
    [InlineData("ThemeProgressAsOf(date=2027-03-14)", "before the first period began")]
    [InlineData("GoalProgressAsOf(date=2030-01-01)", "in the future")]
    [InlineData("CheckInsAsOf(date=2027-03-20,subject='Nope',id=00000000-0000-0000-0000-000000000001)", "subject must be one of")]
    public async Task AsOf_ADayItCannotAnswerFor_IsA400ODataError(string call, string message)
    {
        var response = await Admin.GetAsync($"/odata/{call}");

        (await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["error"]!["message"]!.GetValue<string>().ShouldContain(message);
    }

    [Fact]
    public async Task AViewerOfAnotherDepartment_SeesTheThemesButNotTheUnitOrItsCheckIns()
    {
        var units = await scene.OtherViewer.Client.GetRowsAsync("/odata/UnitProgressAsOf(date=2027-03-20)");
        var goals = await scene.OtherViewer.Client.GetRowsAsync("/odata/GoalProgressAsOf(date=2027-03-20)");
        var themes = await scene.OtherViewer.Client.GetRowsAsync($"/odata/ThemeProgressAsOf(date=2027-03-20)?$filter=PeriodId eq {scene.PeriodId}");
        var fed = await scene.OtherViewer.Client.GetAsync($"/odata/CheckInsAsOf(date=2027-03-20,subject='OrgUnit',id={scene.Unit.Id})");
        var theme = await scene.OtherViewer.Client.GetRowsAsync($"/odata/CheckInsAsOf(date=2027-03-20,subject='Theme',id={scene.Theme2})");

        units.Select(r => r!.GuidAt("UnitId")).ShouldNotContain(scene.Unit.Id);
        goals.ShouldBeEmpty();
        themes.Count.ShouldBe(2);
        await fed.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        theme.ShouldBeEmpty("the theme is the organisation's, its check-ins stay in their units");
    }

    private static double? Mean(IEnumerable<double?> values) =>
        values.Where(v => v is not null).Select(v => v!.Value).ToList() is { Count: > 0 } present ? present.Average() : null;
}

/// <summary>The events of the ten days, played once through the API; <see cref="Expected"/> replays the check-ins by hand.</summary>
public sealed class PointInTimeScene : IAsyncLifetime
{
    public static readonly DateOnly Start = new(2027, 3, 15);

    private readonly List<(DateOnly Day, Guid KeyResult, double Progress, double Confidence)> checkIns = [];

    public VisionTrackerFactory Factory { get; } = new();

    public Guid PeriodId { get; private set; }

    public Guid Theme1 { get; private set; }

    public Guid Theme2 { get; private set; }

    public Guid GoalA { get; private set; }

    public Guid GoalB { get; private set; }

    public Guid KeyResultA { get; private set; }

    public Guid KeyResultB { get; private set; }

    public OrgUnit Unit { get; private set; } = null!;

    /// <summary>A goal without key results in a unit of its own: its figures come from its child goals, one milestone and one yes/no goal, the second archived.</summary>
    public Guid Umbrella { get; private set; }

    public Guid ArchivedChild { get; private set; }

    public Guid NextPeriodId { get; private set; }

    public TestPerson OtherViewer { get; private set; } = null!;

    /// <summary>A key result's (and so its goal's) figures at the end of <paramref name="day"/>: its newest check-in by then.</summary>
    public (double? Progress, double? Confidence, int CheckIns) Expected(DateOnly day, Guid keyResult)
    {
        var made = checkIns.Where(c => c.KeyResult == keyResult && c.Day <= day).ToList();
        return made.Count == 0 ? (0, null, 0) : (made[^1].Progress, made[^1].Confidence, made.Count);
    }

    public async Task InitializeAsync()
    {
        await Factory.InitializeAsync();
        var plan = await Factory.ArrangePlanningAsync();
        (PeriodId, Theme1, Theme2) = (plan.PeriodId, plan.ThemeIds[0], plan.ThemeIds[1]);
        await Factory.WithDbAsync(async db =>
        {
            var period = await db.Periods.SingleAsync(p => p.Id == plan.PeriodId);
            (period.Start, period.End) = (Start, Start.AddDays(9));
            return await db.SaveChangesAsync();
        });
        Unit = await Factory.CreateUnitAsync("Kultur og Borgerservice");
        OtherViewer = await Factory.CreatePersonAsync("Viggo Viewer", (await Factory.CreateUnitAsync("Børn og Unge")).Id, Role.Viewer);
        var leader = await Factory.CreatePersonAsync("Lone Leder", Unit.Id, Role.Leader);
        var head = await Factory.CreatePersonAsync("Hanne Chef", Unit.Id, Role.DepartmentHead);
        GoalA = await Factory.ArrangeGoalAsync(PeriodId, Unit.Id, leader.Id, "Flere cyklister");
        GoalB = await Factory.ArrangeGoalAsync(PeriodId, Unit.Id, leader.Id, "Flere frivillige");
        KeyResultA = await Factory.ArrangeKeyResultAsync(GoalA, leader.Id, target: 200);
        KeyResultB = await Factory.ArrangeKeyResultAsync(GoalB, leader.Id, target: 10, title: "Frivillige");
        await Ok(leader.Client.PutJsonAsync($"/api/goals/{GoalA}/themes/{Theme1}", new { rationale = "Grøn transport" }));
        await Ok(leader.Client.PutJsonAsync($"/api/goals/{GoalB}/themes/{Theme1}", new { rationale = "Fællesskab" }));
        await ArrangeUmbrellaAsync();

        await CheckInAsync(leader.Client, KeyResultA, 50, 200, 0.8);
        await NextDaysAsync(2);
        await CheckInAsync(leader.Client, KeyResultA, 150, 200, 0.6);
        await CheckInAsync(leader.Client, KeyResultB, 5, 10, 0.5);
        await NextDaysAsync(1);
        await Ok(head.Client.PostJsonAsync($"/api/goals/{GoalB}/state", new { state = "Achieved" }));
        await NextDaysAsync(1);
        await Ok(leader.Client.DeleteAsync($"/api/goals/{GoalA}/themes/{Theme1}"));
        await Ok(leader.Client.PutJsonAsync($"/api/goals/{GoalA}/themes/{Theme2}", new { rationale = "Sunde børn cykler" }));
        await NextDaysAsync(1);
        await CheckInAsync(leader.Client, KeyResultA, 200, 200, 0.9);
        await NextDaysAsync(6);
    }

    public Task DisposeAsync() => Factory.DisposeAsync();

    private async Task ArrangeUmbrellaAsync()
    {
        var unit = await Factory.CreateUnitAsync("Teknik og Miljø");
        var leader = await Factory.CreatePersonAsync("Tove Tekniker", unit.Id, Role.Leader);
        Umbrella = await Factory.ArrangeGoalAsync(PeriodId, unit.Id, leader.Id, "Renere luft");
        var roofs = await Factory.ArrangeGoalAsync(PeriodId, unit.Id, leader.Id, "Grønne tage");
        ArchivedChild = await Factory.ArrangeGoalAsync(PeriodId, unit.Id, leader.Id, "Elbusser");
        await Factory.WithDbAsync(async db =>
        {
            await db.Goals.Where(g => g.Id == roofs || g.Id == ArchivedChild).ForEachAsync(g => g.ParentGoalId = Umbrella);
            return await db.SaveChangesAsync();
        });
        var milestones = await Factory.ArrangeKeyResultAsync(roofs, leader.Id, MetricKind.Milestone, 0, 0, title: "Tage", milestones: ["Rådhuset", "Dokk1"]);
        var buses = await Factory.ArrangeKeyResultAsync(ArchivedChild, leader.Id, MetricKind.YesNo, 0, 1, title: "Busser bestilt");
        var first = await Factory.WithDbAsync(db => db.Milestones.Where(m => m.KeyResultId == milestones).OrderBy(m => m.SortOrder).Select(m => m.Id).FirstAsync());
        await (await leader.Client.PostJsonAsync($"/api/key-results/{milestones}/check-ins", new { milestoneIds = new[] { first }, confidence = 0.7 }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        await CheckInAsync(leader.Client, buses, 1, 1, 0.9);
        await Ok(Factory.Admin.PostJsonAsync($"/api/goals/{ArchivedChild}/archive", new { }));

        // A second period, running when the scene ends (26 March) though it begins after the days the AsOf test walks: what runs has a status.
        NextPeriodId = await Factory.ArrangePeriodAsync();
        await Factory.WithDbAsync(async db =>
        {
            var period = await db.Periods.SingleAsync(p => p.Id == NextPeriodId);
            (period.Start, period.End) = (Start.AddDays(10), Start.AddDays(100));
            return await db.SaveChangesAsync();
        });
        var running = await Factory.ArrangeGoalAsync(NextPeriodId, unit.Id, leader.Id, "Flere træer");
        await CheckInAsync(leader.Client, await Factory.ArrangeKeyResultAsync(running, leader.Id, target: 100, title: "Træer plantet"), 20, 100, 0.8);
    }

    private Task NextDaysAsync(int days)
    {
        Factory.Clock.Advance(TimeSpan.FromDays(days));
        return Task.CompletedTask;
    }

    private async Task CheckInAsync(HttpClient client, Guid keyResultId, double value, double target, double confidence)
    {
        await (await client.PostJsonAsync($"/api/key-results/{keyResultId}/check-ins", new { value, confidence })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        checkIns.Add((DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime), keyResultId, value / target, confidence));
    }

    private static async Task Ok(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }
}
