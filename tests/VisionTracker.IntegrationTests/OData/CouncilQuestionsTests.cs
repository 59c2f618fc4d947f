using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.OData;

/// <summary>
/// The council questions of docs/odata.md, asked of the Aarhus demo through the feed as the URLs the docs give, and the
/// answers checked against what this test works out from the database rows itself: departments by walking the org tree
/// up, local days with the Copenhagen time zone, expected progress and status from the period's dates and the clock.
/// </summary>
public sealed class CouncilQuestionsTests(DemoFeedFixture fixture) : IClassFixture<DemoFeedFixture>
{
    private const double Tolerance = 1e-9;

    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    private VisionTrackerFactory Factory => fixture.Factory;

    private HttpClient Admin => fixture.Factory.Admin;

    [Fact]
    public async Task GreenGoalsPerDepartment_GroupedByDepartmentName_AreTheActivePeriodsGreenGoalsOfEachDepartment()
    {
        var tree = await OrgTree.ReadAsync(Factory);
        var active = await ActivePeriodAsync();
        var goals = await Factory.WithDbAsync(db => db.Goals.AsNoTracking().Where(g => g.GreenTransition && g.PeriodId == active.Id).ToListAsync());
        var expected = goals.GroupBy(g => tree.DepartmentName(g.OwnerUnitId))
            .ToDictionary(g => g.Key ?? "", g => (Count: g.Count(), Average: Average(g.Select(x => x.Progress))));
        expected.Count.ShouldBeGreaterThan(1, "the demo should have green goals in more than one department");

        var rows = await Admin.GetRowsAsync(
            "/odata/Goals?$apply=filter(GreenTransition eq true and Period/State eq 'Active')/groupby((Department/Name),aggregate(Progress with average as AverageProgress,$count as Goals))");

        var actual = rows.ToDictionary(r => r!["Department"]?["Name"]?.GetValue<string>() ?? "", r => r!);
        actual.Keys.ShouldBe(expected.Keys, ignoreOrder: true);
        foreach (var (department, (count, average)) in expected)
        {
            actual[department]["Goals"]!.GetValue<int>().ShouldBe(count, department);
            actual[department].NullableDouble("AverageProgress").ShouldBeCloseTo(average, Tolerance, department);
        }
    }

    [Fact]
    public async Task GoalsWithoutActionsPerDepartment_InTheActivePeriod_AreCountedPerDepartment()
    {
        var tree = await OrgTree.ReadAsync(Factory);
        var active = await ActivePeriodAsync();
        var expected = await Factory.WithDbAsync(async db =>
        {
            var withAction = db.Actions.Select(a => a.GoalId);
            var goals = await db.Goals.AsNoTracking()
                .Where(g => g.PeriodId == active.Id && g.State == GoalState.Active && !withAction.Contains(g.Id)).Select(g => g.OwnerUnitId).ToListAsync();
            return goals.GroupBy(tree.DepartmentId).ToDictionary(g => g.Key!.Value, g => g.Count());
        });
        expected.ShouldNotBeEmpty("the demo should hold active goals without an action, or the question proves nothing");

        var rows = await Admin.GetRowsAsync(
            "/odata/Goals?$apply=filter(Period/State eq 'Active' and State eq 'Active' and not Actions/any())/groupby((DepartmentId,DepartmentName),aggregate($count as Goals))");

        rows.ToDictionary(r => r!.GuidAt("DepartmentId"), r => r!["Goals"]!.GetValue<int>()).ShouldBe(expected, ignoreOrder: true);
        rows.ShouldAllBe(r => r!["DepartmentName"]!.GetValue<string>() == tree.Units[r.GuidAt("DepartmentId")].Name);
    }

    [Fact]
    public async Task CheckInsLastMonth_ByLocalDate_AreTheCheckInsOfTheMunicipalitysMonthPerDepartment()
    {
        var tree = await OrgTree.ReadAsync(Factory);
        var checkIns = await Factory.WithDbAsync(db => db.CheckIns.AsNoTracking().Select(c => new { c.At, c.OrgUnitId }).ToListAsync());

        // "Last month" is the month before the newest check-in's: the demo's history ends at the moment it was seeded.
        var newest = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(checkIns.Max(c => c.At), Copenhagen));
        var first = new DateOnly(newest.Year, newest.Month, 1).AddMonths(-1);
        var expected = checkIns
            .Where(c => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(c.At, Copenhagen)) is var day && day >= first && day < first.AddMonths(1))
            .GroupBy(c => tree.DepartmentId(c.OrgUnitId)!.Value).ToDictionary(g => g.Key, g => g.Count());
        expected.ShouldNotBeEmpty("the demo should have check-ins last month");

        var rows = await Admin.GetRowsAsync(
            $"/odata/CheckIns?$apply=filter(LocalDate ge {ODataFeed.Literal(first)} and LocalDate lt {ODataFeed.Literal(first.AddMonths(1))})/groupby((DepartmentId),aggregate($count as CheckIns))");

        rows.ToDictionary(r => r!.GuidAt("DepartmentId"), r => r!["CheckIns"]!.GetValue<int>()).ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public async Task ProgressPerThemeThisPeriod_CarriesExpectedProgressAndStatus_AsDomainMdDefinesThem()
    {
        var periods = await Factory.WithDbAsync(db => db.Periods.AsNoTracking().ToDictionaryAsync(p => p.Id));
        var active = periods.Values.Single(p => p.State == PeriodState.Active);

        var rows = (await Admin.WalkAsync("/odata/ThemeProgress?$select=ThemeTitle,PeriodId,PeriodName,Progress,Confidence,ExpectedProgress,Status")).Rows;

        rows.Count.ShouldBeGreaterThan(0);
        var statuses = new Dictionary<string, int>();
        foreach (var row in rows)
        {
            var period = periods[row.GuidAt("PeriodId")];
            var expected = ExpectedProgress(period, Factory.Clock.GetUtcNow().UtcDateTime);
            var what = $"{row["ThemeTitle"]} in {period.Name}";
            row["ExpectedProgress"]!.GetValue<double>().ShouldBe(expected, Tolerance, what);
            var status = period.State == PeriodState.Active ? Status(row.NullableDouble("Progress"), expected, row.NullableDouble("Confidence")) : null;
            row["Status"]?.GetValue<string>().ShouldBe(status, what);
            if (status is not null)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
            }
        }

        statuses.Values.Sum().ShouldBeGreaterThan(0, "the active period's themes have a status");
        foreach (var (status, count) in statuses)
        {
            (await Admin.GetCountAsync($"/odata/ThemeProgress/$count?$filter=Status eq '{status}' and PeriodName eq '{active.Name}'")).ShouldBe(count, status);
        }
    }

    [Fact]
    public async Task GoalsAndKeyResults_CarryExpectedProgressAndStatus_OnlyForWhatIsRunning_AndCanBeFilteredByThem()
    {
        var periods = await Factory.WithDbAsync(db => db.Periods.AsNoTracking().ToDictionaryAsync(p => p.Id));
        var goals = await Factory.WithDbAsync(db => db.Goals.AsNoTracking().ToDictionaryAsync(g => g.Id));
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        string? Expected(Guid goalId, double? progress, double? confidence, double expected) =>
            goals[goalId] is var g && g.State == GoalState.Active && !g.IsArchived && periods[g.PeriodId].State == PeriodState.Active
                ? Status(progress, expected, confidence) : null;

        var goalRows = (await Admin.WalkAsync("/odata/Goals?$select=Id,PeriodId,Progress,Confidence,ExpectedProgress,Status")).Rows;
        var keyResultRows = (await Admin.WalkAsync("/odata/KeyResults?$select=Id,GoalId,PeriodId,Progress,Confidence,ExpectedProgress,Status")).Rows;
        var expanded = (await Admin.GetRowsAsync("/odata/Goals?$filter=Status ne null&$top=5&$expand=KeyResults")).ToList();

        var statuses = new Dictionary<(string Set, string Status), int>();
        foreach (var (set, row, goalId) in goalRows.Select(r => ("Goals", r, r.GuidAt())).Concat(keyResultRows.Select(r => ("KeyResults", r, r.GuidAt("GoalId")))))
        {
            var expected = ExpectedProgress(periods[row.GuidAt("PeriodId")], now);
            row["ExpectedProgress"]!.GetValue<double>().ShouldBe(expected, Tolerance, $"{set}({row.GuidAt()})");
            var status = Expected(goalId, row.NullableDouble("Progress"), row.NullableDouble("Confidence"), expected);
            row["Status"]?.GetValue<string>().ShouldBe(status, $"{set}({row.GuidAt()})");
            if (status is not null)
            {
                statuses[(set, status)] = statuses.GetValueOrDefault((set, status)) + 1;
            }
        }

        statuses.Values.Sum().ShouldBeGreaterThan(0, "the demo's active period has running goals");
        foreach (var ((set, status), count) in statuses)
        {
            (await Admin.GetCountAsync($"/odata/{set}/$count?$filter=Status eq '{status}'")).ShouldBe(count, $"{set} {status}");
        }

        expanded.Count.ShouldBe(5);
        expanded.ShouldAllBe(g => g!["Status"] != null && g["KeyResults"]!.AsArray().All(k => k!["Status"]!.GetValue<string>() != null));
        var grouped = await Admin.GetRowsAsync("/odata/Goals?$apply=filter(Status ne null)/groupby((Status),aggregate($count as Goals))");
        grouped.ToDictionary(r => r!["Status"]!.GetValue<string>(), r => r!["Goals"]!.GetValue<int>())
            .ShouldBe(statuses.Where(s => s.Key.Set == "Goals").ToDictionary(s => s.Key.Status, s => s.Value), ignoreOrder: true);
    }

    [Fact]
    public async Task GoalTags_AreQueryableWithAny_AndCountedPerDepartment()
    {
        const string Tag = "grøn omstilling";
        var tree = await OrgTree.ReadAsync(Factory);
        var goals = await Factory.WithDbAsync(db => db.Goals.AsNoTracking().ToListAsync());
        var tagged = goals.Where(g => g.Tags.Contains(Tag)).ToList();
        tagged.Count.ShouldBeGreaterThan(1, "the demo should tag more than one goal");

        var rows = (await Admin.WalkAsync($"/odata/Goals?$filter=Tags/any(t: t/Tag eq '{Tag}')&$select=Id&$expand=Tags")).Rows;
        var perDepartment = await Admin.GetRowsAsync(
            $"/odata/Goals?$apply=filter(Tags/any(t: t/Tag eq '{Tag}'))/groupby((DepartmentName),aggregate($count as Goals))");
        var perTag = await Admin.GetRowsAsync("/odata/GoalTags?$apply=groupby((Tag),aggregate($count as Goals))");

        rows.Select(r => r.GuidAt()).ShouldBe(tagged.Select(g => g.Id), ignoreOrder: true);
        rows.ShouldAllBe(r => r["Tags"]!.AsArray().Select(t => t!["Tag"]!.GetValue<string>()).Order().SequenceEqual(tagged.Single(g => g.Id == r.GuidAt("Id")).Tags.Order()));
        perTag.ToDictionary(r => r!["Tag"]!.GetValue<string>(), r => r!["Goals"]!.GetValue<int>())
            .ShouldBe(goals.SelectMany(g => g.Tags).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count()), ignoreOrder: true);
        perDepartment.ToDictionary(r => r!["DepartmentName"]?.GetValue<string>() ?? "", r => r!["Goals"]!.GetValue<int>())
            .ShouldBe(tagged.GroupBy(g => tree.DepartmentName(g.OwnerUnitId) ?? "").ToDictionary(g => g.Key, g => g.Count()), ignoreOrder: true);
    }

    [Fact]
    public async Task DepartmentAndUnitLevel_OnEveryRowOfGoalsKeyResultsActionsCheckInsAndUnitProgress_AreThoseOfTheOrgTree()
    {
        var tree = await OrgTree.ReadAsync(Factory);
        var units = await Factory.WithDbAsync(async db => new
        {
            Goals = await db.Goals.ToDictionaryAsync(g => g.Id, g => g.OwnerUnitId),
            KeyResults = await db.KeyResults.Join(db.Goals, k => k.GoalId, g => g.Id, (k, g) => new { k.Id, g.OwnerUnitId }).ToDictionaryAsync(x => x.Id, x => x.OwnerUnitId),
            Actions = await db.Actions.ToDictionaryAsync(a => a.Id, a => a.OrgUnitId),
            CheckIns = await db.CheckIns.ToDictionaryAsync(c => c.Id, c => c.OrgUnitId),
        });

        foreach (var (set, unitOf) in new[] { ("Goals", units.Goals), ("KeyResults", units.KeyResults), ("Actions", units.Actions), ("CheckIns", units.CheckIns) })
        {
            var rows = (await Admin.WalkAsync($"/odata/{set}?$select=Id,DepartmentId,DepartmentName,UnitLevel")).Rows;
            rows.Count.ShouldBe(unitOf.Count, set);
            foreach (var row in rows)
            {
                var unit = unitOf[row.GuidAt()];
                (row.NullableGuid("DepartmentId"), row["DepartmentName"]?.GetValue<string>(), row["UnitLevel"]!.GetValue<int>())
                    .ShouldBe((tree.DepartmentId(unit), tree.DepartmentName(unit), tree.Level(unit)), $"{set}({row.GuidAt()})");
            }
        }

        var progress = (await Admin.WalkAsync("/odata/UnitProgress?$select=UnitId,DepartmentId,UnitLevel")).Rows;
        progress.ShouldContain(r => r["UnitLevel"]!.GetValue<int>() == 1);
        progress.ShouldAllBe(r => r.NullableGuid("DepartmentId") == tree.DepartmentId(r.GuidAt("UnitId")) && r["UnitLevel"]!.GetValue<int>() == tree.Level(r.GuidAt("UnitId")));
        var grouped = await Admin.GetRowsAsync("/odata/OrgUnits?$apply=groupby((Level),aggregate($count as Units))&$orderby=Level");
        grouped.Select(r => (r!["Level"]!.GetValue<int>(), r["Units"]!.GetValue<int>()))
            .ShouldBe(tree.Units.Keys.GroupBy(tree.Level).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())));
    }

    [Fact]
    public async Task AlignmentGaps_CarryTheirPeriod_AndLeaveClosedPeriodsOutUnlessAsked()
    {
        var periods = await Factory.WithDbAsync(db => db.Periods.AsNoTracking().ToDictionaryAsync(p => p.Id));

        // The demo closes its closed period's goals; one left Active there (nothing forbids it) still has gaps to show.
        var closedId = periods.Values.Single(p => p.State == PeriodState.Closed).Id;
        var left = await Factory.WithDbAsync(db => db.Goals.Where(g => g.PeriodId == closedId && g.State == GoalState.Achieved).Select(g => g.Id).FirstAsync());
        Task SetStateAsync(GoalState state) => Factory.WithDbAsync(db => db.Goals.Where(g => g.Id == left).ExecuteUpdateAsync(u => u.SetProperty(g => g.State, state)));
        await SetStateAsync(GoalState.Active);
        IReadOnlyList<JsonNode> all, open;
        try
        {
            all = (await Admin.WalkAsync("/odata/AlignmentGaps?closedPeriods=true&$select=Kind,SubjectId,PeriodId,PeriodName,PeriodState")).Rows;
            open = (await Admin.WalkAsync("/odata/AlignmentGaps?$select=Kind,SubjectId,PeriodId,PeriodName,PeriodState")).Rows;
        }
        finally
        {
            await SetStateAsync(GoalState.Achieved);
        }

        using var wrong = await Admin.GetAsync(new Uri("/odata/AlignmentGaps?closedPeriods=perhaps", UriKind.Relative));

        all.ShouldAllBe(r => r["PeriodName"]!.GetValue<string>() == periods[r.GuidAt("PeriodId")].Name
            && r["PeriodState"]!.GetValue<string>() == periods[r.GuidAt("PeriodId")].State.ToString());
        all.ShouldContain(r => r["PeriodState"]!.GetValue<string>() == nameof(PeriodState.Closed), "the closed period's Active goal has gaps");
        var key = (JsonNode r) => $"{r["Kind"]}/{r["SubjectId"]}";
        open.Select(key).ShouldBe(all.Where(r => r["PeriodState"]!.GetValue<string>() != nameof(PeriodState.Closed)).Select(key), ignoreOrder: true);
        await wrong.ShouldBeODataErrorAsync(HttpStatusCode.BadRequest, "closedPeriods=perhaps");
    }

    private Task<Period> ActivePeriodAsync() =>
        Factory.WithDbAsync(db => db.Periods.AsNoTracking().SingleAsync(p => p.State == PeriodState.Active));

    private static double? Average(IEnumerable<double?> values) =>
        values.Where(v => v.HasValue).Select(v => v!.Value).ToList() is { Count: > 0 } present ? present.Average() : null;

    /// <summary>domain.md: the share of the period gone by, from 00:00 on its first day to 24:00 on its last, in Copenhagen.</summary>
    private static double ExpectedProgress(Period period, DateTime now)
    {
        var start = TimeZoneInfo.ConvertTimeToUtc(period.Start.ToDateTime(TimeOnly.MinValue), Copenhagen);
        var end = TimeZoneInfo.ConvertTimeToUtc(period.End.AddDays(1).ToDateTime(TimeOnly.MinValue), Copenhagen);
        return Math.Clamp((now - start) / (end - start), 0, 1);
    }

    /// <summary>domain.md's status with the default thresholds (0.10, 0.25, confidence 0.3).</summary>
    private static string Status(double? progress, double expected, double? confidence) =>
        progress is null ? "NoData"
        : expected - progress > 0.25 || confidence < 0.3 ? "AtRisk"
        : expected - progress > 0.10 ? "Behind"
        : "OnTrack";

    /// <summary>The org chart as the test reads it: a unit's department is its ancestor (or itself) right below the root.</summary>
    private sealed record OrgTree(Dictionary<Guid, OrgUnit> Units)
    {
        public static async Task<OrgTree> ReadAsync(VisionTrackerFactory factory) =>
            new(await factory.WithDbAsync(db => db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id)));

        public int Level(Guid unit) => Units[unit].ParentId is { } parent ? Level(parent) + 1 : 1;

        public Guid? DepartmentId(Guid unit) => Units[unit].ParentId switch
        {
            null => null,
            { } parent when Units[parent].ParentId is null => unit,
            { } parent => DepartmentId(parent),
        };

        public string? DepartmentName(Guid unit) => DepartmentId(unit) is { } id ? Units[id].Name : null;
    }
}
