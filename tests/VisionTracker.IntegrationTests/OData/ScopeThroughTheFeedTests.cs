using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.OData;

/// <summary>
/// Two departments with a goal, key result, action, check-ins and a collaboration each; a viewer of department A reads
/// the feed. Every set, and every way into a set ($expand, $filter over a navigation, $apply, a key), shows A's rows
/// and nothing of B's; the organisation-wide sets show everything. Expected rows are worked out from the database by
/// the unit paths.
/// </summary>
public sealed class ScopeThroughTheFeedTests(TwoDepartmentsScene scene) : IClassFixture<TwoDepartmentsScene>
{
    private VisionTrackerFactory Factory => scene.Factory;

    private HttpClient Viewer => scene.Viewer.Client;

    [Theory]
    [InlineData("Goals")]
    [InlineData("KeyResults")]
    [InlineData("Actions")]
    [InlineData("CheckIns")]
    [InlineData("Collaborations")]
    [InlineData("IncomingCollaborations")]
    [InlineData("People")]
    public async Task AViewer_ReadsExactlyTheRowsOfTheirDepartment(string set)
    {
        var expected = await scene.ScopedIdsAsync(set, scene.A);
        var ofB = await scene.ScopedIdsAsync(set, scene.B);
        expected.ShouldNotBeEmpty();
        ofB.ShouldNotBeEmpty();

        var walk = await Viewer.WalkAsync($"/odata/{set}?$count=true&$select=Id");

        walk.Rows.Ids().ShouldBe(expected, ignoreOrder: true);
        walk.Count.ShouldBe(expected.Count);
        (await Viewer.GetCountAsync($"/odata/{set}/$count")).ShouldBe(expected.Count);
        walk.Rows.Ids().Intersect(ofB).ShouldBeEmpty();
    }

    [Fact]
    public async Task AlignmentGaps_AreOnlyTheViewersDepartments()
    {
        var rows = (await Viewer.WalkAsync("/odata/AlignmentGaps")).Rows;

        rows.Select(r => r.GuidAt("OrgUnitId")).Distinct().ShouldBe(new[] { scene.A.Unit.Id });
        var subjects = rows.Ids("SubjectId");
        subjects.ShouldContain(scene.A.OrphanGoalId);
        subjects.ShouldContain(scene.A.OrphanKeyResultId);
        subjects.ShouldNotContain(scene.B.OrphanGoalId);
        subjects.ShouldNotContain(scene.B.OrphanKeyResultId);
        (await Viewer.GetRowsAsync($"/odata/AlignmentGaps?$filter=SubjectId eq {scene.B.OrphanGoalId}")).ShouldBeEmpty();
        var gap = await Viewer.GetAsync(new Uri($"/odata/AlignmentGaps(Kind='OrphanGoal',SubjectId={scene.B.OrphanGoalId})", UriKind.Relative));
        await gap.ShouldBeODataErrorAsync(HttpStatusCode.NotFound, "B's orphan goal by key");
    }

    [Fact]
    public async Task UnitProgress_HoldsTheViewersUnitsOnly_AndThemeProgressTheWholeOrganisation()
    {
        var (units, themes) = await Factory.WithDbAsync(async db => (
            await db.PeriodFigures.Where(f => f.SubjectKind == FigureSubject.OrgUnit).Select(f => new { f.Id, f.SubjectId }).ToListAsync(),
            await db.PeriodFigures.Where(f => f.SubjectKind == FigureSubject.Theme).Select(f => f.Id).ToListAsync()));
        var paths = await scene.UnitPathsAsync();
        var expected = units.Where(f => paths[f.SubjectId].StartsWith(paths[scene.A.Unit.Id], StringComparison.Ordinal)).Select(f => f.Id).ToList();
        expected.ShouldNotBeEmpty();
        units.ShouldContain(f => f.SubjectId == scene.B.Unit.Id);

        var unitRows = (await Viewer.WalkAsync("/odata/UnitProgress")).Rows;
        var themeRows = (await Viewer.WalkAsync("/odata/ThemeProgress")).Rows;

        unitRows.Select(r => r["Id"]!.GetValue<long>()).ShouldBe(expected, ignoreOrder: true);
        unitRows.Select(r => r.GuidAt("UnitId")).Distinct().ShouldBe(new[] { scene.A.Unit.Id });
        themeRows.Select(r => r["Id"]!.GetValue<long>()).ShouldBe(themes, ignoreOrder: true);
    }

    [Fact]
    public async Task ProgressSnapshots_AreTheViewersUnitsAndTheOrganisationsThemes()
    {
        var snapshots = await Factory.WithDbAsync(db => db.ProgressSnapshots.Select(s => new { s.Id, s.OrgUnitId, s.SubjectKind }).ToListAsync());
        var paths = await scene.UnitPathsAsync();
        var expected = snapshots
            .Where(s => s.OrgUnitId is null || paths[s.OrgUnitId.Value].StartsWith(paths[scene.A.Unit.Id], StringComparison.Ordinal))
            .Select(s => s.Id).ToList();
        snapshots.ShouldContain(s => s.OrgUnitId == scene.B.Unit.Id);
        snapshots.ShouldContain(s => s.SubjectKind == FigureSubject.Theme);

        var rows = (await Viewer.WalkAsync("/odata/ProgressSnapshots?$select=Id")).Rows;

        rows.Select(r => r["Id"]!.GetValue<long>()).ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public async Task ExpandingGoalsOfThemesAndVisions_ShowsOnlyTheViewersGoals()
    {
        var aligned = await Factory.WithDbAsync(db => db.GoalThemes.Where(a => a.ReviewState != AlignmentReviewState.Rejected)
            .Select(a => new { a.ThemeId, a.GoalId }).ToListAsync());
        var mine = await scene.ScopedIdsAsync("Goals", scene.A);
        aligned.ShouldContain(a => a.GoalId == scene.B.GoalId && a.ThemeId == scene.ThemeId);

        var themes = (await Viewer.WalkAsync("/odata/Themes?$select=Id&$expand=Goals($select=Id)")).Rows;
        var visions = (await Viewer.WalkAsync("/odata/Visions?$select=Id&$expand=Themes($select=Id;$expand=Goals($select=Id))")).Rows;

        themes.Ids().ShouldContain(scene.ThemeId);
        foreach (var theme in themes.Concat(visions.SelectMany(v => v["Themes"]!.AsArray()).Select(t => t!)))
        {
            var expected = aligned.Where(a => a.ThemeId == theme.GuidAt() && mine.Contains(a.GoalId)).Select(a => a.GoalId);
            theme["Goals"]!.AsArray().Ids().ShouldBe(expected, ignoreOrder: true, $"goals of theme {theme.GuidAt()}");
        }

        themes.Single(t => t.GuidAt() == scene.ThemeId)["Goals"]!.AsArray().Ids().ShouldBe(new[] { scene.A.GoalId });
    }

    [Fact]
    public async Task ExpandingGoalsOfTheOtherDepartment_GivesItsUnitWithAnEmptyList()
    {
        var other = await Viewer.GetFeedAsync($"/odata/OrgUnits({scene.B.Unit.Id})?$expand=Goals");
        var own = await Viewer.GetFeedAsync($"/odata/OrgUnits({scene.A.Unit.Id})?$expand=Goals($select=Id)");
        var all = (await Viewer.WalkAsync("/odata/OrgUnits?$select=Id&$expand=Goals($select=Id)")).Rows;

        other.GuidAt().ShouldBe(scene.B.Unit.Id);
        other["Name"]!.GetValue<string>().ShouldBe(scene.B.Unit.Name);
        other["Goals"]!.AsArray().ShouldBeEmpty();
        own["Goals"]!.AsArray().Ids().ShouldBe(new[] { scene.A.GoalId, scene.A.OrphanGoalId, scene.A.ChildGoalId }, ignoreOrder: true);
        all.Ids().ShouldContain(scene.B.Unit.Id, "the org chart is the whole organisation's");
        all.SelectMany(u => u["Goals"]!.AsArray()).Ids().ShouldBe(await scene.ScopedIdsAsync("Goals", scene.A), ignoreOrder: true);
    }

    [Fact]
    public async Task AReferenceOutOfScope_KeepsItsIdButNavigatesNowhere()
    {
        var child = await Viewer.GetFeedAsync($"/odata/Goals({scene.A.ChildGoalId})?$select=Id,ParentGoalId&$expand=ParentGoal($select=Id,Title)");
        var byParentTitle = await Viewer.GetRowsAsync($"/odata/Goals?$filter=ParentGoal/Title eq '{scene.B.GoalTitle}'");
        var byParentId = await Viewer.GetRowsAsync($"/odata/Goals?$filter=ParentGoalId eq {scene.B.GoalId}&$select=Id");
        var grouped = await Viewer.GetRowsAsync("/odata/Goals?$apply=groupby((ParentGoal/Title),aggregate($count as N))");

        child.NullableGuid("ParentGoalId").ShouldBe(scene.B.GoalId);
        child["ParentGoal"].ShouldBeNull();
        byParentTitle.ShouldBeEmpty();
        byParentId.Ids().ShouldBe(new[] { scene.A.ChildGoalId });
        grouped.Select(r => r!["ParentGoal"]?["Title"]?.GetValue<string>()).ShouldNotContain(scene.B.GoalTitle);
    }

    [Fact]
    public async Task Aggregations_CountOnlyTheViewersRows()
    {
        var goals = await scene.ScopedIdsAsync("Goals", scene.A);
        var keyResults = await scene.ScopedIdsAsync("KeyResults", scene.A);
        var checkIns = await scene.ScopedIdsAsync("CheckIns", scene.A);

        var count = await Viewer.GetRowsAsync("/odata/Goals?$apply=aggregate($count as N)");
        var byUnit = await Viewer.GetRowsAsync("/odata/KeyResults?$apply=groupby((Goal/OwnerUnitId),aggregate($count as N))");
        var perGoal = await Viewer.GetRowsAsync("/odata/CheckIns?$apply=filter(KeyResultId ne null)/groupby((KeyResult/GoalId),aggregate($count as N))");
        var allCheckIns = await Viewer.GetRowsAsync("/odata/CheckIns?$apply=aggregate($count as N)");
        var nested = await Viewer.GetRowsAsync("/odata/OrgUnits?$apply=filter(Goals/any())/groupby((Id),aggregate($count as N))");

        count.Single()!["N"]!.GetValue<int>().ShouldBe(goals.Count);
        byUnit.Single()!["Goal"]!.GuidAt("OwnerUnitId").ShouldBe(scene.A.Unit.Id);
        byUnit.Single()!["N"]!.GetValue<int>().ShouldBe(keyResults.Count);
        perGoal.Select(r => r!["KeyResult"]!.GuidAt("GoalId")).ShouldBeSubsetOf(goals);
        allCheckIns.Single()!["N"]!.GetValue<int>().ShouldBe(checkIns.Count);
        nested.Ids().ShouldBe(new[] { scene.A.Unit.Id });
    }

    [Fact]
    public async Task ExpandingFromTheViewersRows_NeverReachesTheOtherDepartmentsRows()
    {
        var collaborations = (await Viewer.WalkAsync("/odata/Collaborations?$expand=Goal($select=Id),PartnerUnit($select=Id)")).Rows;
        var keyResults = (await Viewer.WalkAsync("/odata/KeyResults?$select=Id&$expand=CheckIns($select=Id),Actions($select=Id)")).Rows;
        var bCheckIns = await scene.ScopedIdsAsync("CheckIns", scene.B);
        var bActions = await scene.ScopedIdsAsync("Actions", scene.B);

        collaborations.Select(c => c["Goal"]!.GuidAt()).ShouldBe(new[] { scene.A.GoalId });
        collaborations.Select(c => c["PartnerUnit"]!.GuidAt()).ShouldBe(new[] { scene.B.Unit.Id }, "org units are the whole organisation's");
        keyResults.SelectMany(k => k["CheckIns"]!.AsArray()).Ids().Intersect(bCheckIns).ShouldBeEmpty();
        keyResults.SelectMany(k => k["Actions"]!.AsArray()).Ids().Intersect(bActions).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Goals", nameof(SceneDepartment.GoalId))]
    [InlineData("KeyResults", nameof(SceneDepartment.KeyResultId))]
    [InlineData("Actions", nameof(SceneDepartment.ActionId))]
    public async Task TheOtherDepartmentsRow_ByKey_IsNotFound(string set, string which)
    {
        Guid Of(SceneDepartment d) => which switch
        {
            nameof(SceneDepartment.GoalId) => d.GoalId,
            nameof(SceneDepartment.KeyResultId) => d.KeyResultId,
            _ => d.ActionId,
        };

        using var theirs = await Viewer.GetAsync(new Uri($"/odata/{set}({Of(scene.B)})", UriKind.Relative));
        var mine = await Viewer.GetFeedAsync($"/odata/{set}({Of(scene.A)})");

        await theirs.ShouldBeODataErrorAsync(HttpStatusCode.NotFound, $"{set} of B");
        mine.GuidAt().ShouldBe(Of(scene.A));
    }

    [Fact]
    public async Task People_HoldNoOneFromTheOtherDepartment()
    {
        var names = (await Viewer.WalkAsync("/odata/People?$select=Id,Name")).Rows;

        names.Ids().ShouldContain(scene.Viewer.Id);
        names.Ids().ShouldContain(scene.A.Leader.Id);
        names.Ids().ShouldNotContain(scene.B.Leader.Id);
        (await Viewer.GetRowsAsync($"/odata/People?$filter=Id eq {scene.B.Leader.Id}")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("vera@aarhus.dk")]
    [InlineData("")]
    [InlineData("somebody else entirely")]
    public async Task HttpBasic_WithTheTokenAsPassword_ReadsWhatTheBearerTokenReads(string userName)
    {
        using var basic = Factory.WithBasicAuth(userName, scene.Viewer.Token);

        var withBasic = (await basic.WalkAsync("/odata/Goals?$select=Id")).Rows.Ids();
        var withBearer = (await Viewer.WalkAsync("/odata/Goals?$select=Id")).Rows.Ids();

        withBasic.ShouldBe(withBearer, ignoreOrder: true);
        withBasic.ShouldBe(await scene.ScopedIdsAsync("Goals", scene.A), ignoreOrder: true);
        using var wrong = Factory.WithBasicAuth(userName, scene.Viewer.Token + "x");
        using var refused = await wrong.GetAsync(new Uri("/odata/Goals", UriKind.Relative));
        await refused.ShouldBeODataErrorAsync(HttpStatusCode.Unauthorized, "a wrong password");
    }

    [Fact]
    public async Task TheETag_IsTheRestApisETag_BeforeAndAfterAnUpdate()
    {
        var goalId = scene.A.GoalId;
        var before = await RestETagAsync($"/api/goals/{goalId}");
        (await Viewer.GetFeedAsync($"/odata/Goals({goalId})"))["@odata.etag"]!.GetValue<string>().ShouldBe(before);
        (await Viewer.GetRowsAsync($"/odata/Goals?$filter=Id eq {goalId}")).Single()!["@odata.etag"]!.GetValue<string>().ShouldBe(before);
        var keyResultETag = await RestETagAsync($"/api/key-results/{scene.A.KeyResultId}");
        (await Viewer.GetFeedAsync($"/odata/KeyResults({scene.A.KeyResultId})"))["@odata.etag"]!.GetValue<string>().ShouldBe(keyResultETag);

        var update = await scene.A.Leader.Client.PutJsonAsync(
            $"/api/goals/{goalId}",
            new { title = "Flere cyklister i hele Aarhus", citizenValue = "Borgerne får en grønnere by", coCreationLevel = "Involve", greenTransition = true },
            before);
        await update.ShouldHaveStatusAsync(HttpStatusCode.OK);

        var after = await RestETagAsync($"/api/goals/{goalId}");
        var feed = await Viewer.GetFeedAsync($"/odata/Goals({goalId})");
        after.ShouldNotBe(before);
        update.Headers.ETag!.ToString().ShouldBe(after);
        feed["@odata.etag"]!.GetValue<string>().ShouldBe(after);
        feed["Title"]!.GetValue<string>().ShouldBe("Flere cyklister i hele Aarhus");
        (await Viewer.GetRowsAsync($"/odata/Goals?$filter=Id eq {goalId}")).Single()!["@odata.etag"]!.GetValue<string>().ShouldBe(after);
    }

    private async Task<string> RestETagAsync(string url)
    {
        using var response = await Viewer.GetAsync(new Uri(url, UriKind.Relative));
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return response.Headers.ETag!.ToString();
    }
}

/// <summary>One department of the scene: an aligned goal with a key result, an action and check-ins; an orphan goal with a key result and no action; a goal whose parent is the other department's goal.</summary>
public sealed record SceneDepartment(
    OrgUnit Unit, TestPerson Leader, Guid GoalId, string GoalTitle, Guid KeyResultId, Guid ActionId, Guid OrphanGoalId, Guid OrphanKeyResultId, Guid ChildGoalId);

/// <summary>Departments A and B arranged once for the class, a viewer of A, and the nightly figures run.</summary>
public sealed class TwoDepartmentsScene : IAsyncLifetime
{
    public VisionTrackerFactory Factory { get; } = new();

    public SceneDepartment A { get; private set; } = null!;

    public SceneDepartment B { get; private set; } = null!;

    public TestPerson Viewer { get; private set; } = null!;

    public Guid ThemeId { get; private set; }

    public async Task InitializeAsync()
    {
        await Factory.InitializeAsync();
        var plan = await Factory.ArrangePlanningAsync();
        ThemeId = plan.ThemeIds[0];
        var unitA = await Factory.CreateUnitAsync("Teknik og Miljø");
        var unitB = await Factory.CreateUnitAsync("Sociale Forhold og Beskæftigelse");
        A = await DepartmentAsync(unitA, unitB, plan.PeriodId, "A");
        B = await DepartmentAsync(unitB, unitA, plan.PeriodId, "B");

        // Each department's third goal has the other department's first goal as its parent.
        await Factory.WithDbAsync(async db =>
        {
            (await db.Goals.SingleAsync(g => g.Id == A.ChildGoalId)).ParentGoalId = B.GoalId;
            (await db.Goals.SingleAsync(g => g.Id == B.ChildGoalId)).ParentGoalId = A.GoalId;
            return await db.SaveChangesAsync();
        });
        Viewer = await Factory.CreatePersonAsync("Vera Viewer", unitA.Id, Role.Viewer);
        await Factory.RunNightlyFiguresAsync();
    }

    public Task DisposeAsync() => Factory.DisposeAsync();

    public Task<Dictionary<Guid, string>> UnitPathsAsync() =>
        Factory.WithDbAsync(db => db.OrgUnits.ToDictionaryAsync(u => u.Id, u => u.Path));

    /// <summary>The ids of a set whose unit lies in the department's subtree, worked out from the database rows and unit paths.</summary>
    public async Task<List<Guid>> ScopedIdsAsync(string set, SceneDepartment department)
    {
        var paths = await UnitPathsAsync();
        var root = paths[department.Unit.Id];
        bool In(Guid unitId) => paths[unitId].StartsWith(root, StringComparison.Ordinal);

        return await Factory.WithDbAsync(async db =>
        {
            var goalUnits = await db.Goals.ToDictionaryAsync(g => g.Id, g => g.OwnerUnitId);
            var keyResultGoals = await db.KeyResults.ToDictionaryAsync(k => k.Id, k => k.GoalId);
            var actionUnits = await db.Actions.ToDictionaryAsync(a => a.Id, a => a.OrgUnitId);
            return set switch
            {
                "Goals" => goalUnits.Where(g => In(g.Value)).Select(g => g.Key).ToList(),
                "KeyResults" => keyResultGoals.Where(k => In(goalUnits[k.Value])).Select(k => k.Key).ToList(),
                "Actions" => actionUnits.Where(a => In(a.Value)).Select(a => a.Key).ToList(),
                "CheckIns" => (await db.CheckIns.ToListAsync())
                    .Where(c => (c.KeyResultId is { } k && In(goalUnits[keyResultGoals[k]])) || (c.ActionId is { } a && In(actionUnits[a])))
                    .Select(c => c.Id).ToList(),
                "Collaborations" => (await db.Collaborations.ToListAsync())
                    .Where(c => (c.GoalId is { } g && In(goalUnits[g])) || (c.ActionId is { } a && In(actionUnits[a])))
                    .Select(c => c.Id).ToList(),
                "IncomingCollaborations" => (await db.Collaborations.ToListAsync())
                    .Where(c => c.Response is not null && In(c.PartnerUnitId ?? goalUnits[c.PartnerGoalId!.Value])
                        && !paths[c.GoalId is { } g ? goalUnits[g] : actionUnits[c.ActionId!.Value]].StartsWith(paths[c.PartnerUnitId ?? goalUnits[c.PartnerGoalId!.Value]], StringComparison.Ordinal))
                    .Select(c => c.Id).ToList(),
                "People" => (await db.People.ToListAsync()).Where(p => In(p.HomeUnitId)).Select(p => p.Id).ToList(),
                _ => throw new ArgumentOutOfRangeException(nameof(set), set, "no scope rule for this set"),
            };
        });
    }

    private async Task<SceneDepartment> DepartmentAsync(OrgUnit unit, OrgUnit partner, Guid periodId, string name)
    {
        var leader = await Factory.CreatePersonAsync($"Leder {name}", unit.Id, Role.Leader);
        var title = $"Mål {name}: flere cyklister";
        var goal = await Factory.ArrangeGoalAsync(periodId, unit.Id, leader.Id, title);
        var keyResult = await Factory.ArrangeKeyResultAsync(goal, leader.Id);
        await (await leader.Client.PutJsonAsync($"/api/goals/{goal}/themes/{ThemeId}", new { rationale = "Tjener temaet" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var action = (await leader.Client.CreateActionAsync(goal, keyResult)).Id();
        await (await leader.Client.PostJsonAsync($"/api/key-results/{keyResult}/check-ins", new { value = 50, confidence = 0.7 })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await leader.Client.PostJsonAsync($"/api/actions/{action}/check-ins", new { progress = 0.5, confidence = 0.9 })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await leader.Client.PostJsonAsync($"/api/goals/{goal}/collaborations", new { kind = "CrossUnit", partnerUnitId = partner.Id, description = "Fælles indsats" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        var orphan = await Factory.ArrangeGoalAsync(periodId, unit.Id, leader.Id, $"Mål {name}: uden tema");
        var orphanKeyResult = await Factory.ArrangeKeyResultAsync(orphan, leader.Id, title: "Uden handling");
        var child = await Factory.ArrangeGoalAsync(periodId, unit.Id, leader.Id, $"Mål {name}: delmål");
        return new SceneDepartment(unit, leader, goal, title, keyResult, action, orphan, orphanKeyResult, child);
    }
}
