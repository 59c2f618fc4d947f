using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.OData;

/// <summary>
/// ThemeProgressAsOf and UnitProgressAsOf answer from the snapshots: per theme or unit and period, the last snapshot on
/// or before the date. One goal with one key result (0 → 200) is checked in at 50 on 15 March, at 150 on 17 March
/// (the nightly job files each day), and at 200 on 18 March, when the period closes with its final snapshot.
/// </summary>
public sealed class PointInTimeTests(PointInTimeScene scene) : IClassFixture<PointInTimeScene>
{
    private const double Tolerance = 1e-9;

    private HttpClient Admin => scene.Factory.Admin;

    [Theory]
    [InlineData("ThemeProgressAsOf", "2027-03-14")]
    [InlineData("ThemeProgressAsOf", "2027-03-15")]
    [InlineData("ThemeProgressAsOf", "2027-03-16")]
    [InlineData("ThemeProgressAsOf", "2027-03-17")]
    [InlineData("ThemeProgressAsOf", "2027-03-18")]
    [InlineData("ThemeProgressAsOf", "2027-06-30")]
    [InlineData("UnitProgressAsOf", "2027-03-14")]
    [InlineData("UnitProgressAsOf", "2027-03-15")]
    [InlineData("UnitProgressAsOf", "2027-03-16")]
    [InlineData("UnitProgressAsOf", "2027-03-17")]
    [InlineData("UnitProgressAsOf", "2027-03-18")]
    [InlineData("UnitProgressAsOf", "2027-06-30")]
    public async Task AsOf_GivesEachSubjectsLastSnapshotOnOrBeforeTheDate(string function, string date)
    {
        var day = DateOnly.Parse(date, CultureInfo.InvariantCulture);
        var kind = function == "ThemeProgressAsOf" ? FigureSubject.Theme : FigureSubject.OrgUnit;
        var (snapshots, periods) = await scene.Factory.WithDbAsync(async db => (
            await db.ProgressSnapshots.AsNoTracking().Where(s => s.SubjectKind == kind).ToListAsync(),
            await db.Periods.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name)));
        var expected = snapshots.Where(s => s.Date <= day)
            .GroupBy(s => (s.SubjectId, s.PeriodId))
            .Select(g => g.MaxBy(s => s.Date)!)
            .ToDictionary(s => s.Id);

        var walk = await Admin.WalkAsync($"/odata/{function}(date={date})?$count=true");

        walk.Count.ShouldBe(expected.Count);
        walk.Rows.Select(r => r["Id"]!.GetValue<long>()).ShouldBe(expected.Keys, ignoreOrder: true);
        foreach (var row in walk.Rows)
        {
            var snapshot = expected[row["Id"]!.GetValue<long>()];
            var what = $"{function}(date={date}) row {snapshot.Id}";
            row.GuidAt(kind == FigureSubject.Theme ? "ThemeId" : "UnitId").ShouldBe(snapshot.SubjectId, what);
            row.GuidAt("PeriodId").ShouldBe(snapshot.PeriodId, what);
            row["PeriodName"]!.GetValue<string>().ShouldBe(periods[snapshot.PeriodId], what);
            row["SnapshotDate"]!.GetValue<string>().ShouldBe(ODataFeed.Literal(snapshot.Date), what);
            row["IsFinal"]!.GetValue<bool>().ShouldBe(snapshot.IsFinal, what);
            row.NullableDouble("Progress").ShouldBeCloseTo(snapshot.Figures.Progress, Tolerance, what);
            row.NullableDouble("Confidence").ShouldBeCloseTo(snapshot.Figures.Confidence, Tolerance, what);
            (row["GoalCount"]!.GetValue<int>(), row["KeyResultCount"]!.GetValue<int>(), row["ActionCount"]!.GetValue<int>(), row["AlignedGoalCount"]!.GetValue<int>())
                .ShouldBe((snapshot.Figures.GoalCount, snapshot.Figures.KeyResultCount, snapshot.Figures.ActionCount, snapshot.Figures.AlignedGoalCount), what);
            (row["OrphanGoalCount"]!.GetValue<int>(), row["KeyResultsWithActionCount"]!.GetValue<int>(), row["StaleKeyResultCount"]!.GetValue<int>())
                .ShouldBe((snapshot.Figures.OrphanGoalCount, snapshot.Figures.KeyResultsWithActionCount, snapshot.StaleKeyResultCount), what);
            row.NullableDouble("AlignedShare").ShouldBeCloseTo(snapshot.Figures.GoalCount == 0 ? null : (double)snapshot.Figures.AlignedGoalCount / snapshot.Figures.GoalCount, Tolerance, what);
        }
    }

    [Theory]
    [InlineData("2027-03-14", null, null, null, false)]
    [InlineData("2027-03-15", 0.25, 0.8, "2027-03-15", false)]
    [InlineData("2027-03-16", 0.25, 0.8, "2027-03-15", false)]
    [InlineData("2027-03-17", 0.75, 0.6, "2027-03-17", false)]
    [InlineData("2027-03-18", 1.0, 0.9, "2027-03-18", true)]
    [InlineData("2027-06-30", 1.0, 0.9, "2027-03-18", true)]
    public async Task AsOf_ShowsTheFiguresOfThatDay_AsWorkedOutByHand(string date, double? progress, double? confidence, string? snapshotDate, bool isFinal)
    {
        // By hand: one goal, one key result 0 → 200; 50 → 0.25, 150 → 0.75, 200 → 1. The theme and the unit hold only that goal.
        var theme = await Admin.GetRowsAsync($"/odata/ThemeProgressAsOf(date={date})?$filter=ThemeId eq {scene.ThemeId} and PeriodId eq {scene.PeriodId}");
        var unit = await Admin.GetRowsAsync($"/odata/UnitProgressAsOf(date={date})?$filter=UnitId eq {scene.Unit.Id}");

        if (snapshotDate is null)
        {
            theme.ShouldBeEmpty();
            unit.ShouldBeEmpty();
            return;
        }

        foreach (var row in new[] { theme.Single()!, unit.Single()! })
        {
            row.NullableDouble("Progress").ShouldBeCloseTo(progress, Tolerance, date);
            row.NullableDouble("Confidence").ShouldBeCloseTo(confidence, Tolerance, date);
            row["SnapshotDate"]!.GetValue<string>().ShouldBe(snapshotDate);
            row["IsFinal"]!.GetValue<bool>().ShouldBe(isFinal);
            row.GuidAt("PeriodId").ShouldBe(scene.PeriodId);
            row["PeriodName"]!.GetValue<string>().ShouldBe(scene.PeriodName);
            row["GoalCount"]!.GetValue<int>().ShouldBe(1);
            row["KeyResultCount"]!.GetValue<int>().ShouldBe(1);
        }

        theme.Single()!["ThemeTitle"]!.GetValue<string>().ShouldBe(scene.ThemeTitle);
        unit.Single()!["UnitName"]!.GetValue<string>().ShouldBe(scene.Unit.Name);
        unit.Single()!["UnitCode"]!.GetValue<string>().ShouldBe(scene.Unit.Code);
    }

    [Fact]
    public async Task BeforeTheFirstSnapshot_BothFunctionsAreEmpty()
    {
        (await Admin.GetFeedAsync("/odata/ThemeProgressAsOf(date=2027-03-14)?$count=true"))["@odata.count"]!.GetValue<long>().ShouldBe(0);
        (await Admin.GetRowsAsync("/odata/UnitProgressAsOf(date=2027-03-14)")).ShouldBeEmpty();
        (await Admin.GetRowsAsync("/odata/UnitProgressAsOf(date=2020-01-01)")).ShouldBeEmpty();
    }

    [Fact]
    public async Task QueryOptions_ComposeOverTheFunctionsRows()
    {
        var units = await scene.Factory.WithDbAsync(db => db.ProgressSnapshots
            .Where(s => s.SubjectKind == FigureSubject.OrgUnit && s.Date == new DateOnly(2027, 3, 17))
            .Select(s => new { s.SubjectId, s.Figures.Progress }).ToListAsync());
        units.Count.ShouldBeGreaterThan(1, "the unit and its ancestors");
        var descending = units.Select(u => u.SubjectId).OrderDescending().ToList();

        var ordered = await Admin.GetRowsAsync("/odata/UnitProgressAsOf(date=2027-03-17)?$orderby=UnitId desc&$select=UnitId,Progress,SnapshotDate");
        var window = await Admin.GetRowsAsync("/odata/UnitProgressAsOf(date=2027-03-17)?$orderby=UnitId desc&$skip=1&$top=1&$select=UnitId");
        var filtered = await Admin.GetFeedAsync($"/odata/UnitProgressAsOf(date=2027-03-17)?$filter=UnitId eq {scene.Unit.Id} and Progress gt 0.5&$count=true");
        var none = await Admin.GetRowsAsync("/odata/UnitProgressAsOf(date=2027-03-15)?$filter=Progress gt 0.5");
        var finals = await Admin.GetRowsAsync($"/odata/ThemeProgressAsOf(date=2027-06-30)?$filter=IsFinal and ThemeId eq {scene.ThemeId}&$select=ThemeTitle,Progress,SnapshotDate");
        var grouped = await Admin.GetRowsAsync("/odata/UnitProgressAsOf(date=2027-03-17)?$apply=groupby((SnapshotDate),aggregate($count as N))");

        ordered.Ids("UnitId").ShouldBe(descending);
        ordered.ShouldAllBe(r => r!.PropertyNames().SequenceEqual(new[] { "Progress", "SnapshotDate", "UnitId" }));
        window.Ids("UnitId").ShouldBe(descending.Skip(1).Take(1));
        filtered["@odata.count"]!.GetValue<long>().ShouldBe(1);
        filtered["value"]!.AsArray().Single()!.GuidAt("UnitId").ShouldBe(scene.Unit.Id);
        none.ShouldBeEmpty();
        finals.Single()!["SnapshotDate"]!.GetValue<string>().ShouldBe("2027-03-18");
        grouped.Single()!["SnapshotDate"]!.GetValue<string>().ShouldBe("2027-03-17");
        grouped.Single()!["N"]!.GetValue<int>().ShouldBe(units.Count);
    }

    [Fact]
    public async Task TheCurrentSets_NameTheLatestSnapshot()
    {
        var latest = await scene.Factory.WithDbAsync(db => db.ProgressSnapshots
            .Where(s => s.SubjectKind == FigureSubject.OrgUnit && s.SubjectId == scene.Unit.Id)
            .OrderByDescending(s => s.Date).FirstAsync());

        var unit = (await Admin.GetRowsAsync($"/odata/UnitProgress?$filter=UnitId eq {scene.Unit.Id}")).Single()!;
        var theme = (await Admin.GetRowsAsync($"/odata/ThemeProgress?$filter=ThemeId eq {scene.ThemeId} and PeriodId eq {scene.PeriodId}")).Single()!;
        var trend = await Admin.GetRowsAsync($"/odata/ProgressSnapshots?$filter=SubjectKind eq 'OrgUnit' and SubjectId eq {scene.Unit.Id}&$orderby=Date&$select=Date,Progress,IsFinal");

        latest.Date.ShouldBe(new DateOnly(2027, 3, 18));
        unit["SnapshotDate"]!.GetValue<string>().ShouldBe("2027-03-18");
        unit["StaleKeyResultCount"]!.GetValue<int>().ShouldBe(latest.StaleKeyResultCount);
        unit.NullableDouble("Progress").ShouldBeCloseTo(1.0, Tolerance, "the unit now");
        theme["SnapshotDate"]!.GetValue<string>().ShouldBe("2027-03-18");
        trend.Select(r => r!["Date"]!.GetValue<string>()).ShouldBe(new[] { "2027-03-15", "2027-03-17", "2027-03-18" });
        trend.Select(r => r!["Progress"]!.GetValue<double>()).ShouldBe(new[] { 0.25, 0.75, 1.0 }, Tolerance);
        trend.Select(r => r!["IsFinal"]!.GetValue<bool>()).ShouldBe(new[] { false, false, true });
    }

    [Fact]
    public async Task AViewerOfAnotherDepartment_SeesTheThemesButNotTheUnit()
    {
        var admin = await Admin.GetRowsAsync("/odata/ThemeProgressAsOf(date=2027-06-30)?$select=Id");

        var themes = await scene.OtherViewer.Client.GetRowsAsync("/odata/ThemeProgressAsOf(date=2027-06-30)?$select=Id");
        var units = await scene.OtherViewer.Client.GetRowsAsync("/odata/UnitProgressAsOf(date=2027-06-30)");
        var snapshots = await scene.OtherViewer.Client.GetRowsAsync($"/odata/ProgressSnapshots?$filter=OrgUnitId eq {scene.Unit.Id}");

        admin.ShouldNotBeEmpty();
        themes.Select(r => r!["Id"]!.GetValue<long>()).ShouldBe(admin.Select(r => r!["Id"]!.GetValue<long>()), ignoreOrder: true);
        units.Select(r => r!.GuidAt("UnitId")).ShouldNotContain(scene.Unit.Id);
        units.Select(r => r!.GuidAt("UnitId")).ShouldNotContain(scene.Factory.RootUnitId);
        snapshots.ShouldBeEmpty();
    }
}

/// <summary>The history the point-in-time tests read, arranged once: three check-ins on three days, two nightly runs and the period's close.</summary>
public sealed class PointInTimeScene : IAsyncLifetime
{
    public VisionTrackerFactory Factory { get; } = new();

    public Guid PeriodId { get; private set; }

    public string PeriodName { get; private set; } = "";

    public Guid ThemeId { get; private set; }

    public string ThemeTitle { get; private set; } = "";

    public OrgUnit Unit { get; private set; } = null!;

    public TestPerson OtherViewer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Factory.InitializeAsync();
        var plan = await Factory.ArrangePlanningAsync();
        (PeriodId, ThemeId) = (plan.PeriodId, plan.ThemeIds[0]);
        (PeriodName, ThemeTitle) = await Factory.WithDbAsync(async db => (
            (await db.Periods.SingleAsync(p => p.Id == plan.PeriodId)).Name,
            (await db.Themes.SingleAsync(t => t.Id == plan.ThemeIds[0])).Title));
        Unit = await Factory.CreateUnitAsync("Kultur og Borgerservice");
        var other = await Factory.CreateUnitAsync("Børn og Unge");
        OtherViewer = await Factory.CreatePersonAsync("Viggo Viewer", other.Id, Role.Viewer);
        var leader = await Factory.CreatePersonAsync("Lone Leder", Unit.Id, Role.Leader);
        var goal = await Factory.ArrangeGoalAsync(plan.PeriodId, Unit.Id, leader.Id);
        var keyResult = await Factory.ArrangeKeyResultAsync(goal, leader.Id);
        await (await leader.Client.PutJsonAsync($"/api/goals/{goal}/themes/{ThemeId}", new { rationale = "Tjener temaet" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // 15 March: 50 of 200.
        await CheckInAsync(leader.Client, keyResult, 50, 0.8);
        await Factory.RunNightlyFiguresAsync();

        // 17 March: 150 of 200.
        Factory.Clock.Advance(TimeSpan.FromDays(2));
        await CheckInAsync(leader.Client, keyResult, 150, 0.6);
        await Factory.RunNightlyFiguresAsync();

        // 18 March: 200 of 200, and the period closes (final snapshots of the day).
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        await CheckInAsync(leader.Client, keyResult, 200, 0.9);
        await (await Factory.Admin.PostJsonAsync($"/api/periods/{plan.PeriodId}/state", new { state = "Closed" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var dates = await Factory.WithDbAsync(db => db.ProgressSnapshots.Where(s => s.SubjectId == Unit.Id).Select(s => s.Date).Distinct().ToListAsync());
        dates.Order().ShouldBe(new[] { new DateOnly(2027, 3, 15), new DateOnly(2027, 3, 17), new DateOnly(2027, 3, 18) });
    }

    public Task DisposeAsync() => Factory.DisposeAsync();

    private static async Task CheckInAsync(HttpClient client, Guid keyResultId, double value, double confidence) =>
        await (await client.PostJsonAsync($"/api/key-results/{keyResultId}/check-ins", new { value, confidence })).ShouldHaveStatusAsync(HttpStatusCode.Created);
}
