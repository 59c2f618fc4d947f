using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.OData;

/// <summary>
/// The Aarhus demo read through the feed as the admin (whole organisation): counts, filters, orderings, projections,
/// expansions and aggregations must give what the database holds, worked out here from the rows themselves.
/// </summary>
public sealed class FiguresThroughTheFeedTests(DemoFeedFixture fixture) : IClassFixture<DemoFeedFixture>
{
    private const double Tolerance = 1e-9;

    /// <summary>$filter cases: the set, the expression, and the same rule in C# over the database rows.</summary>
    private static readonly Dictionary<string, (string Set, string Filter, Func<DemoRows, IEnumerable<Guid>> Expected)> FilterCases = new()
    {
        ["GreenActiveGoals"] = ("Goals", "GreenTransition eq true and State eq 'Active'",
            d => d.Goals.Where(g => g.GreenTransition && g.State == GoalState.Active).Select(g => g.Id)),
        ["GoalsByNullableFigures"] = ("Goals", "Progress ge 0.75 or Confidence lt 0.5",
            d => d.Goals.Where(g => g.Progress >= 0.75 || g.Confidence < 0.5).Select(g => g.Id)),
        ["GoalsWithALaggingKeyResult"] = ("Goals", "KeyResults/any(k: k/Progress lt 0.5)",
            d => d.Goals.Where(g => d.KeyResults.Any(k => k.GoalId == g.Id && k.Progress < 0.5)).Select(g => g.Id)),
        ["GoalsByTitleText"] = ("Goals", "contains(tolower(Title),'borger') or startswith(Title,'Fler')",
            d => d.Goals.Where(g => g.Title.ToLowerInvariant().Contains("borger", StringComparison.Ordinal) || g.Title.StartsWith("Fler", StringComparison.Ordinal)).Select(g => g.Id)),
        ["NumberKeyResultsPastHalf"] = ("KeyResults", "MetricKind eq 'Number' and Progress ge 0.5",
            d => d.KeyResults.Where(k => k.MetricKind == MetricKind.Number && k.Progress >= 0.5).Select(k => k.Id)),
        ["KeyResultsDecreasingOrQuiet"] = ("KeyResults", "Direction eq 'Decrease' or LastCheckInAt lt 2026-06-01T00:00:00Z",
            d => d.KeyResults.Where(k => k.Direction == Direction.Decrease || k.LastCheckInAt < new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc)).Select(k => k.Id)),
        ["DoneOrEarlyActions"] = ("Actions", "State eq 'Done' or DueDate lt 2026-05-01",
            d => d.Actions.Where(a => a.State == ActionState.Done || a.DueDate < new DateOnly(2026, 5, 1)).Select(a => a.Id)),
        ["ActionsWithoutKeyResultOrFigure"] = ("Actions", "KeyResultId eq null or Progress eq null or GreenTransition eq true",
            d => d.Actions.Where(a => a.KeyResultId == null || a.Progress == null || a.GreenTransition).Select(a => a.Id)),
        ["ConfidentKeyResultCheckIns"] = ("CheckIns", "Confidence gt 0.6 and KeyResultId ne null",
            d => d.CheckIns.Where(c => c.Confidence > 0.6 && c.KeyResultId != null).Select(c => c.Id)),
        ["ActionOrLateCheckIns"] = ("CheckIns", "ActionId ne null or At ge 2026-06-01T00:00:00Z",
            d => d.CheckIns.Where(c => c.ActionId != null || c.At >= new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc)).Select(c => c.Id)),
        ["CheckInsOfGreenGoals"] = ("CheckIns", "KeyResult/Goal/GreenTransition eq true",
            d => d.CheckIns.Where(c => c.KeyResultId is { } k && d.Goals.Single(g => g.Id == d.KeyResults.Single(x => x.Id == k).GoalId).GreenTransition).Select(c => c.Id)),
    };

    private VisionTrackerFactory Factory => fixture.Factory;

    private HttpClient Admin => fixture.Factory.Admin;

    [Theory]
    [InlineData("Goals")]
    [InlineData("KeyResults")]
    [InlineData("Actions")]
    [InlineData("CheckIns")]
    public async Task Count_OfEachSet_IsTheNumberOfRowsInTheDatabase(string set)
    {
        var db = await DemoRows.ReadAsync(Factory);
        var expected = db.IdsOf(set);
        expected.Count.ShouldBeGreaterThan(0);

        (await Admin.GetCountAsync($"/odata/{set}/$count")).ShouldBe(expected.Count);
        var walk = await Admin.WalkAsync($"/odata/{set}?$count=true&$select=Id");
        walk.Count.ShouldBe(expected.Count);
        walk.Rows.Ids().ShouldBe(expected, ignoreOrder: true);
    }

    [Theory]
    [InlineData("GreenActiveGoals")]
    [InlineData("GoalsByNullableFigures")]
    [InlineData("GoalsWithALaggingKeyResult")]
    [InlineData("GoalsByTitleText")]
    [InlineData("NumberKeyResultsPastHalf")]
    [InlineData("KeyResultsDecreasingOrQuiet")]
    [InlineData("DoneOrEarlyActions")]
    [InlineData("ActionsWithoutKeyResultOrFigure")]
    [InlineData("ConfidentKeyResultCheckIns")]
    [InlineData("ActionOrLateCheckIns")]
    [InlineData("CheckInsOfGreenGoals")]
    public async Task Filter_SelectsTheRowsTheSameRuleSelectsInTheDatabase(string name)
    {
        var (set, filter, rule) = FilterCases[name];
        var db = await DemoRows.ReadAsync(Factory);
        var expected = rule(db).ToList();
        expected.Count.ShouldBeGreaterThan(0, $"{name}: the demo data should hold rows that match, or the case proves nothing");
        expected.Count.ShouldBeLessThan(db.IdsOf(set).Count, $"{name}: the demo data should hold rows that do not match, or the case proves nothing");

        var escaped = Uri.EscapeDataString(filter);
        (await Admin.GetCountAsync($"/odata/{set}/$count?$filter={escaped}")).ShouldBe(expected.Count, filter);
        var walk = await Admin.WalkAsync($"/odata/{set}?$filter={escaped}&$count=true&$select=Id");
        walk.Count.ShouldBe(expected.Count, filter);
        walk.Rows.Ids().ShouldBe(expected, ignoreOrder: true, filter);
    }

    [Fact]
    public async Task OrderByTitleThenId_WithTopAndSkip_ReturnsTheDatabasesRowsInThatOrder()
    {
        // Titles are ordered by the database's collation, so the database orders the expected rows too.
        var expected = await Factory.WithDbAsync(db => db.Goals.OrderBy(g => g.Title).ThenBy(g => g.Id).Skip(5).Take(10).Select(g => g.Id).ToListAsync());

        var rows = await Admin.GetRowsAsync("/odata/Goals?$orderby=Title,Id&$top=10&$skip=5&$select=Id,Title");

        rows.Ids().ShouldBe(expected);
    }

    [Fact]
    public async Task OrderByTitleDescending_WithTopAndSkip_ReturnsTheDatabasesRowsInThatOrder()
    {
        var expected = await Factory.WithDbAsync(db => db.KeyResults.OrderByDescending(k => k.Title).ThenBy(k => k.Id).Skip(11).Take(17).Select(k => k.Id).ToListAsync());

        var rows = await Admin.GetRowsAsync("/odata/KeyResults?$orderby=Title desc,Id&$top=17&$skip=11&$select=Id");

        rows.Ids().ShouldBe(expected);
    }

    [Fact]
    public async Task OrderByANumberWithTies_ThenId_WithTopAndSkip_ReturnsTheRowsInThatOrder()
    {
        // Progress has many ties (0 and 1); Id breaks them. A Guid's CompareTo orders like its text, as both databases do.
        var db = await DemoRows.ReadAsync(Factory);
        var expected = db.KeyResults.OrderByDescending(k => k.Progress).ThenBy(k => k.Id).Skip(7).Take(20).Select(k => k.Id).ToList();

        var rows = await Admin.GetRowsAsync("/odata/KeyResults?$orderby=Progress desc,Id&$top=20&$skip=7&$select=Id,Progress");

        rows.Ids().ShouldBe(expected);
    }

    [Fact]
    public async Task OrderByANullableNumber_PutsNullsFirstAscendingAndLastDescending()
    {
        // OData: null sorts as the lowest value. Comparer<double?>.Default agrees, so C# gives the expected order.
        var db = await DemoRows.ReadAsync(Factory);
        var ascending = db.Actions.OrderBy(a => a.Progress).ThenBy(a => a.Id).Select(a => a.Id).ToList();
        var descending = db.Actions.OrderByDescending(a => a.Progress).ThenBy(a => a.Id).Select(a => a.Id).ToList();

        (await Admin.GetRowsAsync("/odata/Actions?$orderby=Progress,Id&$select=Id")).Ids().ShouldBe(ascending);
        (await Admin.GetRowsAsync("/odata/Actions?$orderby=Progress desc,Id&$select=Id")).Ids().ShouldBe(descending);
        (await Admin.GetRowsAsync("/odata/Actions?$orderby=Progress desc,Id&$skip=3&$top=9&$select=Id")).Ids().ShouldBe(descending.Skip(3).Take(9));
    }

    [Fact]
    public async Task OrderByDateDescending_DeepSkip_ReturnsTheRowsInThatOrder()
    {
        var db = await DemoRows.ReadAsync(Factory);
        var expected = db.CheckIns.OrderByDescending(c => c.At).ThenBy(c => c.Id).Skip(100).Take(50).Select(c => c.Id).ToList();

        var rows = await Admin.GetRowsAsync("/odata/CheckIns?$orderby=At desc,Id&$skip=100&$top=50&$select=Id,At");

        rows.Ids().ShouldBe(expected);
    }

    [Theory]
    [InlineData("Goals", "Id,Title,Progress")]
    [InlineData("People", "Name,JobTitle")]
    [InlineData("KeyResults", "Title,Weight,LastCheckInAt")]
    [InlineData("CheckIns", "Id,Confidence,At")]
    public async Task Select_ReturnsOnlyTheSelectedProperties(string set, string select)
    {
        var expected = select.Split(',').Order(StringComparer.Ordinal).ToList();
        var total = await Factory.WithDbAsync(db => set switch
        {
            "Goals" => db.Goals.CountAsync(),
            "People" => db.People.CountAsync(),
            "KeyResults" => db.KeyResults.CountAsync(),
            _ => db.CheckIns.CountAsync(),
        });

        var walk = await Admin.WalkAsync($"/odata/{set}?$select={select}");

        walk.Rows.Count.ShouldBe(total);
        walk.Rows.ShouldAllBe(r => r.PropertyNames().SequenceEqual(expected));
    }

    [Fact]
    public async Task Select_GivesTheDatabasesValues()
    {
        var db = await DemoRows.ReadAsync(Factory);

        var rows = (await Admin.WalkAsync("/odata/Goals?$select=Id,Title,Progress,State")).Rows;

        rows.Count.ShouldBe(db.Goals.Count);
        foreach (var row in rows.Select(r => r!))
        {
            var goal = db.Goals.Single(g => g.Id == row.GuidAt());
            row["Title"]!.GetValue<string>().ShouldBe(goal.Title);
            row["State"]!.GetValue<string>().ShouldBe(goal.State.ToString());
            row.NullableDouble("Progress").ShouldBeCloseTo(goal.Progress, Tolerance, $"progress of {goal.Title}");
        }
    }

    [Fact]
    public async Task SelectInsideExpand_ShapesTheNestedRowsToo()
    {
        var rows = (await Admin.WalkAsync("/odata/Goals?$select=Id&$expand=KeyResults($select=Id,Title)")).Rows;

        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(r => r.PropertyNames().SequenceEqual(new[] { "Id", "KeyResults" }));
        rows.SelectMany(r => r!["KeyResults"]!.AsArray()).ShouldAllBe(k => k!.PropertyNames().SequenceEqual(new[] { "Id", "Title" }));
    }

    [Fact]
    public async Task ExpandKeyResultsAndTheirActions_GivesEachGoalItsKeyResultsAndEachKeyResultItsActions()
    {
        var db = await DemoRows.ReadAsync(Factory);

        var goals = (await Admin.WalkAsync("/odata/Goals?$select=Id&$expand=KeyResults($select=Id;$expand=Actions($select=Id))")).Rows;

        goals.Ids().ShouldBe(db.Goals.Select(g => g.Id), ignoreOrder: true);
        db.KeyResults.Any(k => db.Actions.Any(a => a.KeyResultId == k.Id)).ShouldBeTrue("the demo should have key results with actions");
        foreach (var goal in goals)
        {
            var keyResults = goal["KeyResults"]!.AsArray();
            keyResults.Ids().ShouldBe(db.KeyResults.Where(k => k.GoalId == goal.GuidAt()).Select(k => k.Id), ignoreOrder: true, $"key results of goal {goal.GuidAt()}");
            foreach (var keyResult in keyResults)
            {
                keyResult!["Actions"]!.AsArray().Ids()
                    .ShouldBe(db.Actions.Where(a => a.KeyResultId == keyResult.GuidAt()).Select(a => a.Id), ignoreOrder: true, $"actions of key result {keyResult.GuidAt()}");
            }
        }
    }

    [Fact]
    public async Task ExpandWithANestedFilter_KeepsOnlyTheMatchingChildren()
    {
        var db = await DemoRows.ReadAsync(Factory);

        var goals = (await Admin.WalkAsync("/odata/Goals?$select=Id&$expand=KeyResults($filter=Progress ge 0.5;$select=Id)")).Rows;

        goals.Count.ShouldBe(db.Goals.Count);
        foreach (var goal in goals)
        {
            goal["KeyResults"]!.AsArray().Ids()
                .ShouldBe(db.KeyResults.Where(k => k.GoalId == goal.GuidAt() && k.Progress >= 0.5).Select(k => k.Id), ignoreOrder: true);
        }
    }

    [Fact]
    public async Task ApplyGroupByOwnerUnit_AveragesAndCountsLikeTheDatabaseRows()
    {
        var db = await DemoRows.ReadAsync(Factory);
        var expected = db.Goals.GroupBy(g => g.OwnerUnitId).ToDictionary(g => g.Key, g => (N: g.Count(), P: g.Average(x => x.Progress)));

        var body = await Admin.GetFeedAsync("/odata/Goals?$apply=groupby((OwnerUnitId),aggregate(Progress with average as P,$count as N))&$count=true");

        body["@odata.context"]!.GetValue<string>().ShouldContain("$metadata#Goals");
        body["@odata.count"]!.GetValue<long>().ShouldBe(expected.Count);
        var rows = body["value"]!.AsArray();
        rows.Ids("OwnerUnitId").ShouldBe(expected.Keys, ignoreOrder: true);
        foreach (var row in rows.Select(r => r!))
        {
            var (n, p) = expected[row.GuidAt("OwnerUnitId")];
            row["N"]!.GetValue<int>().ShouldBe(n);
            row.NullableDouble("P").ShouldBeCloseTo(p, Tolerance, $"average progress of unit {row.GuidAt("OwnerUnitId")}");
        }
    }

    [Fact]
    public async Task ApplyFilterThenGroupByTwoProperties_AggregatesOnlyTheFilteredRows()
    {
        var db = await DemoRows.ReadAsync(Factory);
        var expected = db.Goals.Where(g => g.State == GoalState.Active && !g.IsArchived)
            .GroupBy(g => (g.PeriodId, g.GreenTransition))
            .ToDictionary(g => g.Key, g => (N: g.Count(), Top: g.Max(x => x.Progress), Low: g.Min(x => x.Confidence)));
        expected.Count.ShouldBeGreaterThan(1);

        var rows = await Admin.GetRowsAsync(
            "/odata/Goals?$apply=filter(State eq 'Active' and IsArchived eq false)/groupby((PeriodId,GreenTransition),aggregate($count as N,Progress with max as Top,Confidence with min as Low))");

        rows.Count.ShouldBe(expected.Count);
        foreach (var row in rows.Select(r => r!))
        {
            var key = (row.GuidAt("PeriodId"), row["GreenTransition"]!.GetValue<bool>());
            expected.ShouldContainKey(key);
            var (n, top, low) = expected[key];
            row["N"]!.GetValue<int>().ShouldBe(n);
            row.NullableDouble("Top").ShouldBeCloseTo(top, Tolerance, $"max progress of {key}");
            row.NullableDouble("Low").ShouldBeCloseTo(low, Tolerance, $"min confidence of {key}");
        }
    }

    [Fact]
    public async Task ApplyGroupByGoal_SumsWeightsAndAveragesProgressOfTheKeyResults()
    {
        var db = await DemoRows.ReadAsync(Factory);
        var expected = db.KeyResults.GroupBy(k => k.GoalId).ToDictionary(g => g.Key, g => (W: g.Sum(k => k.Weight), P: g.Average(k => k.Progress)));

        var rows = await Admin.GetRowsAsync("/odata/KeyResults?$apply=groupby((GoalId),aggregate(Weight with sum as W,Progress with average as P))");

        rows.Ids("GoalId").ShouldBe(expected.Keys, ignoreOrder: true);
        foreach (var row in rows.Select(r => r!))
        {
            var (w, p) = expected[row.GuidAt("GoalId")];
            row["W"]!.GetValue<double>().ShouldBe(w, Tolerance);
            row["P"]!.GetValue<double>().ShouldBe(p, Tolerance);
        }
    }

    [Fact]
    public async Task ApplyFilterThenGroupByKeyResult_CountsAndAveragesTheCheckIns()
    {
        var db = await DemoRows.ReadAsync(Factory);
        var expected = db.CheckIns.Where(c => c.KeyResultId != null && c.Confidence >= 0.5)
            .GroupBy(c => c.KeyResultId!.Value)
            .ToDictionary(g => g.Key, g => (N: g.Count(), C: g.Average(c => c.Confidence)));

        var rows = await Admin.GetRowsAsync("/odata/CheckIns?$apply=filter(KeyResultId ne null and Confidence ge 0.5)/groupby((KeyResultId),aggregate($count as N,Confidence with average as C))");

        rows.Ids("KeyResultId").ShouldBe(expected.Keys, ignoreOrder: true);
        foreach (var row in rows.Select(r => r!))
        {
            var (n, c) = expected[row.GuidAt("KeyResultId")];
            row["N"]!.GetValue<int>().ShouldBe(n);
            row["C"]!.GetValue<double>().ShouldBe(c, Tolerance);
        }
    }

    [Fact]
    public async Task ApplyAggregateWithoutGroups_IsOneRowOverTheWholeSet()
    {
        var db = await DemoRows.ReadAsync(Factory);

        var rows = await Admin.GetRowsAsync("/odata/Actions?$apply=aggregate($count as N,ReportedProgress with sum as S)");

        rows.Count.ShouldBe(1);
        rows[0]!["N"]!.GetValue<int>().ShouldBe(db.Actions.Count);
        rows[0]!["S"]!.GetValue<double>().ShouldBe(db.Actions.Sum(a => a.ReportedProgress), Tolerance);
    }

    [Fact]
    public async Task ApplyGroupByANavigationProperty_GroupsByTheRelatedValue()
    {
        var db = await DemoRows.ReadAsync(Factory);
        var unitOfGoal = db.Goals.ToDictionary(g => g.Id, g => g.OwnerUnitId);
        var expected = db.KeyResults.GroupBy(k => unitOfGoal[k.GoalId]).ToDictionary(g => g.Key, g => g.Count());

        var rows = await Admin.GetRowsAsync("/odata/KeyResults?$apply=groupby((Goal/OwnerUnitId),aggregate($count as N))");

        rows.Count.ShouldBe(expected.Count);
        foreach (var row in rows.Select(r => r!))
        {
            var unit = row["Goal"]!.GuidAt("OwnerUnitId");
            row["N"]!.GetValue<int>().ShouldBe(expected[unit]);
        }
    }

    [Fact]
    public async Task ThemeProgress_IsThePeriodFiguresOfEachThemeWithItsLatestSnapshot()
    {
        // The demo has no snapshots; the nightly job files today's so that SnapshotDate and the stale count are filled.
        await Factory.RunNightlyFiguresAsync();
        var (figures, snapshots, names) = await ReadAreaFiguresAsync(FigureSubject.Theme);
        figures.ShouldNotBeEmpty();
        snapshots.ShouldNotBeEmpty();

        var rows = (await Admin.WalkAsync("/odata/ThemeProgress?$count=true")).Rows;

        rows.Count.ShouldBe(figures.Count);
        rows.Select(r => r!["Id"]!.GetValue<long>()).ShouldBe(figures.Keys, ignoreOrder: true);
        foreach (var row in rows.Select(r => r!))
        {
            var figure = figures[row["Id"]!.GetValue<long>()];
            row.GuidAt("ThemeId").ShouldBe(figure.SubjectId);
            row["ThemeTitle"]!.GetValue<string>().ShouldBe(names.Themes[figure.SubjectId]);
            AssertArea(row, figure, names, snapshots);
        }
    }

    [Fact]
    public async Task UnitProgress_IsThePeriodFiguresOfEachUnitWithItsLatestSnapshot()
    {
        await Factory.RunNightlyFiguresAsync();
        var (figures, snapshots, names) = await ReadAreaFiguresAsync(FigureSubject.OrgUnit);
        var units = await Factory.WithDbAsync(db => db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id));
        figures.ShouldNotBeEmpty();

        var rows = (await Admin.WalkAsync("/odata/UnitProgress")).Rows;

        rows.Select(r => r!["Id"]!.GetValue<long>()).ShouldBe(figures.Keys, ignoreOrder: true);
        foreach (var row in rows.Select(r => r!))
        {
            var figure = figures[row["Id"]!.GetValue<long>()];
            var unit = units[figure.SubjectId];
            row.GuidAt("UnitId").ShouldBe(unit.Id);
            row["UnitCode"]!.GetValue<string>().ShouldBe(unit.Code);
            row["UnitName"]!.GetValue<string>().ShouldBe(unit.Name);
            row["UnitKind"]!.GetValue<string>().ShouldBe(unit.Kind.ToString());
            row.NullableGuid("ParentUnitId").ShouldBe(unit.ParentId);
            AssertArea(row, figure, names, snapshots);
        }
    }

    [Fact]
    public async Task AlignmentGaps_AreTheGoalsAndKeyResultsTheRulesPointAt()
    {
        // The demo has no rejected alignment. Rejecting every alignment of one aligned, active, top-level goal makes it an
        // orphan: a rejected alignment must not count as one.
        var rejected = await Factory.WithDbAsync(async db =>
        {
            var goal = await db.Goals.Include(g => g.Alignments)
                .Where(g => g.State == GoalState.Active && !g.IsArchived && g.ParentGoalId == null && g.Alignments.Any())
                .OrderBy(g => g.Title).FirstAsync();
            foreach (var alignment in goal.Alignments)
            {
                alignment.Review(AlignmentReviewState.Rejected, "Målet tjener ikke temaet", goal.OwnerId, Factory.Clock.GetUtcNow().UtcDateTime);
            }

            await db.SaveChangesAsync();
            return goal.Id;
        });
        var db = await DemoRows.ReadAsync(Factory);
        var cutoff = Factory.Clock.GetUtcNow().UtcDateTime.AddDays(-Factory.Services.GetRequiredService<IOptions<FigureOptions>>().Value.StaleAfterDays);
        var counted = db.Goals.Where(g => g.State == GoalState.Active && !g.IsArchived).Select(g => g.Id).ToHashSet();
        var orphans = db.Goals
            .Where(g => counted.Contains(g.Id) && g.ParentGoalId == null
                && !db.Alignments.Any(a => a.GoalId == g.Id && a.ReviewState != AlignmentReviewState.Rejected))
            .Select(g => g.Id).ToList();
        var withoutAction = db.KeyResults
            .Where(k => counted.Contains(k.GoalId) && !db.Actions.Any(a => a.KeyResultId == k.Id && a.State != ActionState.Cancelled))
            .Select(k => k.Id).ToList();
        var stale = db.KeyResults.Where(k => counted.Contains(k.GoalId) && (k.LastCheckInAt ?? k.CreatedAt) < cutoff).Select(k => k.Id).ToList();
        orphans.ShouldContain(rejected);
        withoutAction.ShouldNotBeEmpty();

        // The rules over every period; closed periods' gaps are left out unless asked for (CouncilQuestionsTests).
        var rows = (await Admin.WalkAsync("/odata/AlignmentGaps?closedPeriods=true")).Rows;

        rows.Select(r => (r!["Kind"]!.GetValue<string>(), r.GuidAt("SubjectId"))).ShouldBeUnique();
        Subjects(rows, "OrphanGoal").ShouldBe(orphans, ignoreOrder: true);
        Subjects(rows, "KeyResultWithoutAction").ShouldBe(withoutAction, ignoreOrder: true);
        Subjects(rows, "StaleKeyResult").ShouldBe(stale, ignoreOrder: true);
        rows.Select(r => r!["Kind"]!.GetValue<string>()).Distinct().ShouldBeSubsetOf(new[] { "OrphanGoal", "KeyResultWithoutAction", "StaleKeyResult" });
        foreach (var row in rows.Where(r => r!["Kind"]!.GetValue<string>() == "OrphanGoal"))
        {
            var goal = db.Goals.Single(g => g.Id == row.GuidAt("SubjectId"));
            (row.GuidAt("GoalId"), row.GuidAt("OrgUnitId"), row.GuidAt("PeriodId"), row["Title"]!.GetValue<string>())
                .ShouldBe((goal.Id, goal.OwnerUnitId, goal.PeriodId, goal.Title));
        }

        var single = await Admin.GetFeedAsync($"/odata/AlignmentGaps(Kind='OrphanGoal',SubjectId={rejected})");
        (single["Kind"]!.GetValue<string>(), single.GuidAt("SubjectId")).ShouldBe(("OrphanGoal", rejected));
        var filtered = (await Admin.WalkAsync("/odata/AlignmentGaps?$filter=Kind eq 'OrphanGoal'&$count=true")).Rows;
        filtered.Ids("SubjectId").ShouldBe(orphans, ignoreOrder: true);
    }

    private static List<Guid> Subjects(IEnumerable<JsonNode> rows, string kind) =>
        rows.Where(r => r["Kind"]!.GetValue<string>() == kind).Ids("SubjectId");

    private static void AssertArea(JsonNode row, PeriodFigure figure, AreaNames names, List<ProgressSnapshot> snapshots)
    {
        var what = $"{figure.SubjectKind} {figure.SubjectId} in period {figure.PeriodId}";
        row.GuidAt("PeriodId").ShouldBe(figure.PeriodId, what);
        row["PeriodName"]!.GetValue<string>().ShouldBe(names.Periods[figure.PeriodId], what);
        row.NullableDouble("Progress").ShouldBeCloseTo(figure.Figures.Progress, Tolerance, what);
        row.NullableDouble("Confidence").ShouldBeCloseTo(figure.Figures.Confidence, Tolerance, what);
        (row["GoalCount"]!.GetValue<int>(), row["KeyResultCount"]!.GetValue<int>(), row["ActionCount"]!.GetValue<int>(), row["AlignedGoalCount"]!.GetValue<int>())
            .ShouldBe((figure.Figures.GoalCount, figure.Figures.KeyResultCount, figure.Figures.ActionCount, figure.Figures.AlignedGoalCount), what);
        (row["KeyResultsWithActionCount"]!.GetValue<int>(), row["OrphanGoalCount"]!.GetValue<int>(), row["CollaboratingGoalCount"]!.GetValue<int>())
            .ShouldBe((figure.Figures.KeyResultsWithActionCount, figure.Figures.OrphanGoalCount, figure.Figures.CollaboratingGoalCount), what);
        row.NullableDouble("AlignedShare").ShouldBeCloseTo(figure.Figures.GoalCount == 0 ? null : (double)figure.Figures.AlignedGoalCount / figure.Figures.GoalCount, Tolerance, what);
        row.NullableDouble("CollaboratingShare").ShouldBeCloseTo(figure.Figures.GoalCount == 0 ? null : (double)figure.Figures.CollaboratingGoalCount / figure.Figures.GoalCount, Tolerance, what);
        var latest = snapshots.Where(s => s.SubjectKind == figure.SubjectKind && s.SubjectId == figure.SubjectId && s.PeriodId == figure.PeriodId)
            .MaxBy(s => s.Date);
        (row["SnapshotDate"]?.GetValue<string>()).ShouldBe(latest is null ? null : ODataFeed.Literal(latest.Date), what);
        (row["StaleKeyResultCount"]?.GetValue<int>()).ShouldBe(latest?.StaleKeyResultCount, what);
        row["IsFinal"]!.GetValue<bool>().ShouldBeFalse(what);
    }

    /// <summary>
    /// GoalProgress and KeyResultProgress are read from the stored figures, the AsOf functions replay the log: for today
    /// they must agree on every row and column. The demo holds what could tell them apart (checked first); the umbrella
    /// goal, an archived child and a running period are PointInTimeTests'.
    /// </summary>
    [Theory]
    [InlineData("GoalProgress")]
    [InlineData("KeyResultProgress")]
    public async Task ProgressToday_IsTheAsOfReplayForToday_RowForRow(string set)
    {
        var db = await DemoRows.ReadAsync(Factory);
        db.Goals.ShouldContain(g => g.State == GoalState.Achieved);
        db.Goals.ShouldContain(g => g.State == GoalState.Abandoned);
        db.KeyResults.ShouldContain(k => k.MetricKind == MetricKind.Milestone && db.CheckIns.Any(c => c.KeyResultId == k.Id));
        db.KeyResults.ShouldContain(k => k.MetricKind == MetricKind.YesNo && db.CheckIns.Any(c => c.KeyResultId == k.Id));

        using var scope = Factory.Services.CreateScope();
        var today = ODataFeed.Literal(scope.ServiceProvider.GetRequiredService<FigureReader>().Today);
        var stored = (await Admin.WalkAsync($"/odata/{set}")).Rows;
        var replayed = (await Admin.WalkAsync($"/odata/{set}AsOf(date={today})")).Rows;

        stored.ShouldBeTheReplayOfToday(replayed, Tolerance, set);
    }

    private Task<(Dictionary<long, PeriodFigure> Figures, List<ProgressSnapshot> Snapshots, AreaNames Names)> ReadAreaFiguresAsync(FigureSubject kind) =>
        Factory.WithDbAsync(async db => (
            await db.PeriodFigures.AsNoTracking().Where(f => f.SubjectKind == kind).ToDictionaryAsync(f => f.Id),
            await db.ProgressSnapshots.AsNoTracking().Where(s => s.SubjectKind == kind).ToListAsync(),
            new AreaNames(
                await db.Themes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Title),
                await db.Periods.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name))));
}

/// <summary>Paging with 7 rows a page over the demo: walking @odata.nextLink reads every row exactly once.</summary>
public sealed class FiguresThroughSmallPagesTests(SmallPagesFeedFixture fixture) : IClassFixture<SmallPagesFeedFixture>
{
    private const int PageSize = SmallPagesFeedFixture.PageSize;

    private VisionTrackerFactory Factory => fixture.Factory;

    private HttpClient Admin => fixture.Factory.Admin;

    [Fact]
    public async Task WalkingNextLinks_WithCount_ReadsEveryCheckInOnce()
    {
        var expected = (await DemoRows.ReadAsync(Factory)).CheckIns.Select(c => c.Id).ToList();
        expected.Count.ShouldBeGreaterThan(10 * PageSize);

        var walk = await Admin.WalkAsync("/odata/CheckIns?$count=true");

        walk.Count.ShouldBe(expected.Count);
        walk.Rows.Count.ShouldBe(expected.Count);
        walk.Rows.Ids().ShouldBeUnique();
        walk.Rows.Ids().ShouldBe(expected, ignoreOrder: true);
        walk.PageSizes.SkipLast(1).ShouldAllBe(n => n == PageSize);
        walk.PageSizes[^1].ShouldBeInRange(1, PageSize);
        walk.Links.ShouldAllBe(l => l.Contains("$count=true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WalkingNextLinks_OrderedByAColumnFullOfTies_NeitherRepeatsNorSkipsARow()
    {
        var checkIns = (await DemoRows.ReadAsync(Factory)).CheckIns;
        checkIns.GroupBy(c => c.Confidence).Max(g => g.Count()).ShouldBeGreaterThan(PageSize, "the demo should have ties across page boundaries");

        var walk = await Admin.WalkAsync("/odata/CheckIns?$orderby=Confidence&$count=true&$select=Id,Confidence");

        walk.Count.ShouldBe(checkIns.Count);
        walk.Rows.Ids().ShouldBeUnique();
        walk.Rows.Ids().ShouldBe(checkIns.Select(c => c.Id), ignoreOrder: true);
        var confidences = walk.Rows.Select(r => r["Confidence"]!.GetValue<double>()).ToList();
        confidences.ShouldBe(confidences.Order().ToList());
    }

    [Fact]
    public async Task WalkingNextLinks_OrderedDescendingByANullableColumn_NeitherRepeatsNorSkipsARow()
    {
        var actions = (await DemoRows.ReadAsync(Factory)).Actions;
        var expected = actions.OrderByDescending(a => a.Progress).ThenBy(a => a.Id).Select(a => a.Id).ToList();

        var walk = await Admin.WalkAsync("/odata/Actions?$orderby=Progress desc&$select=Id,Progress");

        walk.Rows.Ids().ShouldBeUnique();
        walk.Rows.Ids().ShouldBe(expected, ignoreOrder: true);
        var progress = walk.Rows.Select(r => r.NullableDouble("Progress")).ToList();
        progress.ShouldBe(progress.OrderDescending().ToList(), "descending with nulls last");
    }

    [Fact]
    public async Task WalkingNextLinks_KeepsTheFilter()
    {
        var expected = (await DemoRows.ReadAsync(Factory)).Goals.Where(g => g.State == GoalState.Active).Select(g => g.Id).ToList();
        expected.Count.ShouldBeGreaterThan(PageSize);

        var walk = await Admin.WalkAsync("/odata/Goals?$filter=State eq 'Active'&$orderby=Title desc&$count=true&$select=Id,Title");

        walk.Count.ShouldBe(expected.Count);
        walk.Rows.Ids().ShouldBeUnique();
        walk.Rows.Ids().ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public async Task WalkingNextLinks_WithTopAndSkip_ReadsExactlyThatWindowInOrder()
    {
        var expected = (await DemoRows.ReadAsync(Factory)).CheckIns.OrderBy(c => c.At).ThenBy(c => c.Id).Skip(3).Take(20).Select(c => c.Id).ToList();

        var walk = await Admin.WalkAsync("/odata/CheckIns?$orderby=At,Id&$top=20&$skip=3&$select=Id");

        walk.Rows.Ids().ShouldBe(expected);
        walk.PageSizes.ShouldBe(new[] { 7, 7, 6 });
    }

    /// <summary>
    /// Grouped results that span pages, ordered on the grouping properties as docs/odata.md asks (the database returns
    /// groups in no guaranteed order): every group once, in that order. The second order starts with an aggregate value
    /// full of ties (most subjects have 8 or 3 check-ins), which the grouping properties then break.
    /// </summary>
    [Theory]
    [InlineData("$orderby=KeyResultId,ActionId", false)]
    [InlineData("$orderby=N desc,KeyResultId,ActionId", true)]
    public async Task WalkingNextLinks_OverGroupsOrderedByTheGroupingProperties_ReadsEveryGroupOnceInOrder(string orderBy, bool byCountFirst)
    {
        var checkIns = (await DemoRows.ReadAsync(Factory)).CheckIns;
        var groups = checkIns.GroupBy(c => (c.KeyResultId, c.ActionId)).Select(g => (g.Key.KeyResultId, g.Key.ActionId, N: g.Count())).ToList();
        groups.Count.ShouldBeGreaterThan(PageSize);

        // Null sorts lowest (docs/odata.md); Comparer<Guid?>.Default agrees, and a Guid compares like its text, as both databases do.
        var expected = (byCountFirst ? groups.OrderByDescending(g => g.N) : groups.OrderBy(_ => 0))
            .ThenBy(g => g.KeyResultId).ThenBy(g => g.ActionId)
            .Select(g => (g.KeyResultId, g.ActionId, g.N)).ToList();

        var walk = await Admin.WalkAsync($"/odata/CheckIns?$apply=groupby((KeyResultId,ActionId),aggregate($count as N))&{orderBy}&$count=true");

        walk.Count.ShouldBe(groups.Count);
        walk.PageSizes.SkipLast(1).ShouldAllBe(n => n == PageSize);
        walk.Rows.Select(r => (r.NullableGuid("KeyResultId"), r.NullableGuid("ActionId"), r["N"]!.GetValue<int>())).ToList().ShouldBe(expected);
    }

    [Fact]
    public async Task WalkingNextLinks_OverGroupsOfARequiredKeyOrderedByIt_ReadsEveryGroupOnceInOrder()
    {
        var keyResults = (await DemoRows.ReadAsync(Factory)).KeyResults;
        var expected = keyResults.GroupBy(k => k.GoalId).OrderByDescending(g => g.Key).Select(g => (g.Key, g.Count())).ToList();
        expected.Count.ShouldBeGreaterThan(PageSize);

        var walk = await Admin.WalkAsync("/odata/KeyResults?$apply=groupby((GoalId),aggregate($count as N))&$orderby=GoalId desc");

        walk.Rows.Select(r => (r.GuidAt("GoalId"), r["N"]!.GetValue<int>())).ToList().ShouldBe(expected);
    }

    [Fact]
    public async Task APageOfExpandedGoals_HoldsEveryKeyResultOfEachGoal()
    {
        var db = await DemoRows.ReadAsync(Factory);

        var walk = await Admin.WalkAsync("/odata/Goals?$select=Id&$expand=KeyResults($select=Id)");

        walk.Rows.Ids().ShouldBe(db.Goals.Select(g => g.Id), ignoreOrder: true);
        walk.PageSizes.SkipLast(1).ShouldAllBe(n => n == PageSize);
        foreach (var goal in walk.Rows)
        {
            goal["KeyResults"]!.AsArray().Ids().ShouldBe(db.KeyResults.Where(k => k.GoalId == goal.GuidAt()).Select(k => k.Id), ignoreOrder: true);
        }
    }
}

/// <summary>Names of themes and periods, by id.</summary>
internal sealed record AreaNames(Dictionary<Guid, string> Themes, Dictionary<Guid, string> Periods);

/// <summary>The demo's goals, key results, actions, check-ins and alignments, read straight from the database.</summary>
internal sealed record DemoRows(List<Goal> Goals, List<KeyResult> KeyResults, List<LeaderAction> Actions, List<CheckIn> CheckIns, List<GoalTheme> Alignments)
{
    public static Task<DemoRows> ReadAsync(VisionTrackerFactory factory) =>
        factory.WithDbAsync(async db => new DemoRows(
            await db.Goals.AsNoTracking().ToListAsync(),
            await db.KeyResults.AsNoTracking().ToListAsync(),
            await db.Actions.AsNoTracking().ToListAsync(),
            await db.CheckIns.AsNoTracking().ToListAsync(),
            await db.GoalThemes.AsNoTracking().ToListAsync()));

    public List<Guid> IdsOf(string set) => set switch
    {
        "Goals" => Goals.Select(x => x.Id).ToList(),
        "KeyResults" => KeyResults.Select(x => x.Id).ToList(),
        "Actions" => Actions.Select(x => x.Id).ToList(),
        "CheckIns" => CheckIns.Select(x => x.Id).ToList(),
        _ => throw new ArgumentOutOfRangeException(nameof(set), set, "not a set of DemoRows"),
    };
}
