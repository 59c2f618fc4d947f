using Microsoft.EntityFrameworkCore;
using Microsoft.OData.Edm;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.OData.Conformance;

/// <summary>The Aarhus demo behind a feed of 7 rows a page, read by Microsoft.OData.Core's reader.</summary>
public sealed class SmallPageDemoFixture : IAsyncLifetime
{
    public const int PageSize = 7;

    public VisionTrackerFactory Factory { get; } = CreateFactory();

    public IEdmModel Model { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Factory.InitializeAsync();
        Model = await ODataClient.ReadModelAsync(Factory.Admin);
    }

    public Task DisposeAsync() => Factory.DisposeAsync();

    private static VisionTrackerFactory CreateFactory()
    {
        var factory = new VisionTrackerFactory { SeedDemoData = true };
        factory.Settings["OData:PageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return factory;
    }
}

/// <summary>
/// The feed read with an OData client library that shares nothing with the server's serializer (ODataMessageReader over
/// the parsed $metadata): the payloads are valid OData JSON, paging ends, counts and values match the database.
/// </summary>
public sealed class IndependentClientTests(SmallPageDemoFixture fixture) : IClassFixture<SmallPageDemoFixture>
{
    private VisionTrackerFactory Factory => fixture.Factory;

    private IEdmEntitySet Goals => ODataClient.Set(fixture.Model, "Goals");

    [Fact]
    public async Task Goals_ReadPageByPageThroughNextPageLink_CountEqualsRowsAndDatabase_TitleAndProgressMatch()
    {
        var expected = await Factory.WithDbAsync(db => db.Goals.AsNoTracking()
            .Select(g => new { g.Id, g.Title, g.Progress, g.Version }).ToDictionaryAsync(g => g.Id));
        expected.Count.ShouldBeGreaterThan(SmallPageDemoFixture.PageSize * 2, "the demo should span several pages");

        var (pages, rows) = await ODataClient.ReadAllPagesAsync(Factory.Admin, fixture.Model, Goals, "/odata/Goals?$count=true");

        pages.ShouldAllBe(p => p.Count == expected.Count);
        pages.Count.ShouldBe((expected.Count + SmallPageDemoFixture.PageSize - 1) / SmallPageDemoFixture.PageSize);
        pages.SkipLast(1).ShouldAllBe(p => p.Rows.Count == SmallPageDemoFixture.PageSize && p.NextPageLink != null);
        pages[^1].NextPageLink.ShouldBeNull();
        rows.Count.ShouldBe(expected.Count);
        var ids = rows.Select(r => (Guid)r["Id"]!).ToList();
        ids.ShouldBeUnique();
        foreach (var row in rows)
        {
            var goal = expected[(Guid)row["Id"]!];
            row["Title"].ShouldBe(goal.Title);
            ShouldBeProgress(row["Progress"], goal.Progress);
            row.Resource!.ETag.ShouldBe($"\"{goal.Version}\"");
            row.Resource.TypeName.ShouldBe("VisionTracker.Goal");
        }
    }

    /// <summary>The wire format itself carries the database's doubles exactly (the reader above may round them).</summary>
    [Fact]
    public async Task Goals_RawJson_CarriesTheDatabasesProgressExactly()
    {
        var expected = await Factory.WithDbAsync(db => db.Goals.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Progress));

        var rows = await ODataClient.WalkAsync(Factory.Admin, "/odata/Goals?$select=Id,Progress");

        rows.Count.ShouldBe(expected.Count);
        foreach (var row in rows)
        {
            (row["Progress"]?.GetValue<double>()).ShouldBe(expected[row["Id"]!.GetValue<Guid>()]);
        }
    }

    [Fact]
    public async Task GoalsExpandKeyResults_ReadAsNestedResourceSets_HoldEachGoalsKeyResults()
    {
        var expected = await Factory.WithDbAsync(async db => (await db.KeyResults.AsNoTracking()
            .Select(k => new { k.GoalId, k.Id }).ToListAsync()).ToLookup(k => k.GoalId, k => k.Id));
        var goalCount = await Factory.WithDbAsync(db => db.Goals.CountAsync());

        var (_, rows) = await ODataClient.ReadAllPagesAsync(Factory.Admin, fixture.Model, Goals, "/odata/Goals?$expand=KeyResults&$count=true");

        rows.Count.ShouldBe(goalCount);
        foreach (var row in rows)
        {
            var id = (Guid)row["Id"]!;
            row.Nested.ShouldContainKey("KeyResults");
            var nested = row.Nested["KeyResults"];
            nested.ShouldAllBe(k => k.Resource != null && k.Resource.TypeName == "VisionTracker.KeyResult");
            nested.Select(k => (Guid)k["Id"]!).ShouldBe(expected[id], ignoreOrder: true, $"key results of goal {id}");
            nested.ShouldAllBe(k => (Guid)k["GoalId"]! == id);
        }

        rows.Sum(r => r.Nested["KeyResults"].Count).ShouldBe(expected.Sum(g => g.Count()));
    }

    [Fact]
    public async Task SingleGoal_ReadWithTheResourceReader_HasTheRestApisETag()
    {
        var goal = await Factory.WithDbAsync(db => db.Goals.AsNoTracking().OrderBy(g => g.Title).FirstAsync());
        var rest = await Factory.Admin.GetAsync($"/api/goals/{goal.Id}");
        rest.IsSuccessStatusCode.ShouldBeTrue(await rest.Content.ReadAsStringAsync());
        var restETag = rest.Headers.ETag.ShouldNotBeNull().ToString();

        var entry = await ODataClient.ReadEntityAsync(Factory.Admin, fixture.Model, Goals, $"/odata/Goals({goal.Id})");

        entry.Resource!.ETag.ShouldBe(restETag);
        ((Guid)entry["Id"]!).ShouldBe(goal.Id);
        entry["Title"].ShouldBe(goal.Title);
        ShouldBeProgress(entry["Progress"], goal.Progress);
        entry["Version"].ShouldBe(goal.Version);
    }

    [Fact]
    public async Task SingleGoal_WithExpandedKeyResults_ReadWithTheResourceReader()
    {
        var goal = await Factory.WithDbAsync(db => db.Goals.AsNoTracking().Include(g => g.KeyResults)
            .Where(g => g.KeyResults.Count > 1).OrderBy(g => g.Title).FirstAsync());

        var entry = await ODataClient.ReadEntityAsync(Factory.Admin, fixture.Model, Goals, $"/odata/Goals({goal.Id})?$expand=KeyResults($select=Id,Title)");

        entry.Nested["KeyResults"].Select(k => (Guid)k["Id"]!).ShouldBe(goal.KeyResults.Select(k => k.Id), ignoreOrder: true);
    }

    /// <summary>
    /// Microsoft.OData.Core reads a JSON number through <see cref="decimal"/> before it becomes an Edm.Double, which can move
    /// it by one unit in the last place (0.9466666666666667 reads as 0.9466666666666668); the raw JSON is exact (<see cref="Goals_RawJson_CarriesTheDatabasesProgressExactly"/>).
    /// </summary>
    private static void ShouldBeProgress(object? read, double? expected)
    {
        if (expected is null)
        {
            read.ShouldBeNull();
            return;
        }

        read.ShouldBeOfType<double>().ShouldBe(expected.Value, Math.Abs(expected.Value) * 1e-15);
    }
}
