using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OData.Edm;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Figures;
using VisionTracker.IntegrationTests.Support;
using static VisionTracker.IntegrationTests.OData.Conformance.EverySetFixture;

namespace VisionTracker.IntegrationTests.OData.Conformance;

/// <summary>
/// The Aarhus demo with two days of nightly snapshots (so ProgressSnapshots and the AsOf functions have rows), a page
/// size small enough that the larger sets span several pages, the parsed $metadata, and each set's rows as walked
/// through all its pages (read once per set).
/// </summary>
public class EverySetFixture : IAsyncLifetime
{
    public const int PageSize = 40;

    // A day that is over (the fake clock stands at 15 March), as council staff mostly ask: its replay is kept per data
    // version, so the many queries here do not replay every period again. Today's replay is PointInTimeTests' and
    // FiguresThroughTheFeedTests'.
    public static readonly DateOnly AsOf = new(2027, 3, 14);

    private readonly Dictionary<string, List<JsonObject>> walks = [];

    public EverySetFixture()
        : this(PageSize)
    {
    }

    /// <param name="pageSize">The feed's page size, or null for the service's own default.</param>
    protected EverySetFixture(int? pageSize) => Factory = CreateFactory(pageSize);

    public VisionTrackerFactory Factory { get; }

    public IEdmModel Model { get; private set; } = null!;

    /// <summary>The municipality: CheckInsAsOf is walked for its figure (every check-in of a counted goal).</summary>
    public static Guid RootUnitId { get; private set; }

    /// <summary>Rows of each set's table in the database (admin reads everything); null for computed sets.</summary>
    public Dictionary<string, int?> DatabaseCounts { get; } = [];

    public async Task InitializeAsync()
    {
        await Factory.InitializeAsync();
        var periods = await Factory.WithDbAsync(db => db.Periods.Select(p => p.Id).ToListAsync());
        foreach (var period in periods)
        {
            await WriteSnapshotsAsync(period, AsOf.AddDays(-8));
            await WriteSnapshotsAsync(period, AsOf.AddDays(-1));
        }

        Model = await ODataClient.ReadModelAsync(Factory.Admin);
        await Factory.WithDbAsync(async db =>
        {
            DatabaseCounts["Visions"] = await db.Visions.CountAsync();
            DatabaseCounts["Themes"] = await db.Themes.CountAsync();
            DatabaseCounts["OrgUnits"] = await db.OrgUnits.CountAsync();
            DatabaseCounts["People"] = await db.People.CountAsync();
            DatabaseCounts["Periods"] = await db.Periods.CountAsync();
            DatabaseCounts["Goals"] = await db.Goals.CountAsync();
            DatabaseCounts["KeyResults"] = await db.KeyResults.CountAsync();
            DatabaseCounts["Actions"] = await db.Actions.CountAsync();
            DatabaseCounts["CheckIns"] = await db.CheckIns.CountAsync();
            DatabaseCounts["Collaborations"] = await db.Collaborations.CountAsync();
            DatabaseCounts["IncomingCollaborations"] = null;
            DatabaseCounts["GoalTags"] = (await db.Goals.Select(g => g.Tags).ToListAsync()).Sum(t => t.Count);
            DatabaseCounts["ProgressSnapshots"] = await db.ProgressSnapshots.CountAsync();
            DatabaseCounts["ThemeProgress"] = await db.PeriodFigures.CountAsync(f => f.SubjectKind == FigureSubject.Theme);
            DatabaseCounts["UnitProgress"] = await db.PeriodFigures.CountAsync(f => f.SubjectKind == FigureSubject.OrgUnit);
            DatabaseCounts["AlignmentGaps"] = null;
            var begun = await db.Periods.Where(p => p.Start <= AsOf).Select(p => p.Id).ToListAsync();
            DatabaseCounts["ThemeProgressAsOf"] = await db.PeriodFigures.CountAsync(f => f.SubjectKind == FigureSubject.Theme && begun.Contains(f.PeriodId));
            DatabaseCounts["UnitProgressAsOf"] = await db.PeriodFigures.CountAsync(f => f.SubjectKind == FigureSubject.OrgUnit && begun.Contains(f.PeriodId));
            DatabaseCounts["GoalProgress"] = await db.Goals.CountAsync();
            DatabaseCounts["KeyResultProgress"] = await db.KeyResults.CountAsync();
            DatabaseCounts["GoalProgressAsOf"] = null;
            DatabaseCounts["KeyResultProgressAsOf"] = null;
            DatabaseCounts["CheckInsAsOf"] = null;
            RootUnitId = await db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).FirstAsync();
            return 0;
        });
    }

    public Task DisposeAsync() => Factory.DisposeAsync();

    /// <summary>The rows of the unfiltered set, every page of it (in the order the feed gives them).</summary>
    public async Task<List<JsonObject>> WalkAsync(string name)
    {
        if (!walks.TryGetValue(name, out var rows))
        {
            rows = await ODataClient.WalkAsync(Factory.Admin, Url(name));
            walks[name] = rows;
        }

        return rows;
    }

    /// <summary>The resource path of a case: the entity set, or the function import called for <see cref="AsOf"/>.</summary>
    public static string Url(string name) => name switch
    {
        "CheckInsAsOf" => $"{ODataClient.Root}/{name}(date={AsOf:yyyy-MM-dd},subject='OrgUnit',id={RootUnitId})",
        _ when name.EndsWith("AsOf", StringComparison.Ordinal) => $"{ODataClient.Root}/{name}(date={AsOf:yyyy-MM-dd})",
        _ => $"{ODataClient.Root}/{name}",
    };

    /// <summary>The entity set the case's rows belong to (for a function import, the set it returns into).</summary>
    public IEdmEntitySetBase SetOf(string name)
    {
        var container = ODataClient.Container(Model);
        if (container.FindEntitySet(name) is { } set)
        {
            return set;
        }

        var import = container.FindOperationImports(name).ShouldHaveSingleItem();
        import.TryGetStaticEntitySet(Model, out var target).ShouldBeTrue();
        return target;
    }

    private static VisionTrackerFactory CreateFactory(int? pageSize)
    {
        var factory = new VisionTrackerFactory { SeedDemoData = true };
        if (pageSize is { } size)
        {
            factory.Settings["OData:PageSize"] = size.ToString(CultureInfo.InvariantCulture);
        }

        return factory;
    }

    /// <summary>What the nightly job does for one period and day: recompute, then snapshot.</summary>
    private async Task WriteSnapshotsAsync(Guid periodId, DateOnly date)
    {
        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<FigureCalculator>().RecalculatePeriodAsync(periodId, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<SnapshotWriter>().WriteAsync(periodId, date, isFinal: false, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<IVisionTrackerDbContext>().SaveChangesAsync(CancellationToken.None);
    }

    public static List<string> Properties(JsonObject row) => row.Select(p => p.Key).Where(k => !k.Contains('@', StringComparison.Ordinal)).ToList();

    public List<string> Keys(string name, IEnumerable<JsonObject> rows)
    {
        var keys = SetOf(name).EntityType.Key().Select(k => k.Name).ToList();
        return rows.Select(r => string.Join("|", keys.Select(k => r[k].ShouldNotBeNull($"{name}: key {k}").ToJsonString()))).ToList();
    }

    public static int CompareKeys(IEdmEntityType type, JsonObject a, JsonObject b)
    {
        foreach (var key in type.Key())
        {
            var c = ODataClient.Compare(key.Type, a[key.Name], b[key.Name]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    public static string? KindOf(IEdmTypeReference type) => type.PrimitiveKind() switch
    {
        EdmPrimitiveTypeKind.Int32 or EdmPrimitiveTypeKind.Int64 or EdmPrimitiveTypeKind.Double => "number",
        EdmPrimitiveTypeKind.DateTimeOffset => "datetime",
        EdmPrimitiveTypeKind.Date => "date",
        EdmPrimitiveTypeKind.Boolean => "boolean",
        EdmPrimitiveTypeKind.String => "string",
        EdmPrimitiveTypeKind.Guid => "guid",
        _ => null,
    };
}

/// <summary>
/// The system query options on every entity set and on both AsOf functions, with property and navigation names taken
/// from the parsed $metadata, so the theory follows the model as it is published.
/// </summary>
[LongRunning]
public sealed class EverySetTests(EverySetFixture fixture) : IClassFixture<EverySetFixture>
{
    public static TheoryData<string> Cases => new(MetadataConformanceTests.EntitySets.Concat(MetadataConformanceTests.FunctionImports));

    public static TheoryData<string> Sets => new(MetadataConformanceTests.EntitySets);

    private HttpClient Admin => fixture.Factory.Admin;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task CountAndTop_CountIsEveryRowWalkedThroughAllPages_AndTopCapsThePage(string name)
    {
        var all = await fixture.WalkAsync(name);

        var page = await ODataClient.GetJsonAsync(Admin, $"{EverySetFixture.Url(name)}?$count=true&$top=3");

        page["@odata.count"].ShouldNotBeNull($"{name}: @odata.count").GetValue<long>().ShouldBe(all.Count);
        page["@odata.context"]!.GetValue<string>().ShouldContain("$metadata#");
        var rows = ODataClient.Rows(page);
        rows.Count.ShouldBe(Math.Min(3, all.Count));
        page["@odata.nextLink"].ShouldBeNull("$top=3 is below the page size");
        Keys(name, rows).ShouldBe(Keys(name, all.Take(3)));
        if (fixture.DatabaseCounts[name] is { } expected)
        {
            all.Count.ShouldBe(expected, $"{name}: the admin reads every row of the table");
        }

        if (fixture.DatabaseCounts[name] is not 0)
        {
            all.ShouldNotBeEmpty($"{name} has rows in the demo data");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Paging_PagesFollowTheKeyWithoutRepeatsAndEveryNextLinkIsFull(string name)
    {
        var first = await ODataClient.GetJsonAsync(Admin, EverySetFixture.Url(name));
        var all = await fixture.WalkAsync(name);

        ODataClient.Rows(first).Count.ShouldBe(Math.Min(EverySetFixture.PageSize, all.Count));
        (first["@odata.nextLink"] is not null).ShouldBe(all.Count > EverySetFixture.PageSize);
        var keys = Keys(name, all);
        keys.ShouldBeUnique();
        var type = fixture.SetOf(name).EntityType;
        for (var i = 1; i < all.Count; i++)
        {
            CompareKeys(type, all[i - 1], all[i]).ShouldBeLessThan(0, $"{name}: rows {i - 1} and {i} are not in key order");
        }
    }

    /// <summary>Paging under a client $orderby on a property many rows share: every row comes exactly once, in its order.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Paging_UnderOrderByOnANonKeyProperty_ReturnsEveryRowOnce(string name)
    {
        var type = fixture.SetOf(name).EntityType;
        var all = await fixture.WalkAsync(name);
        var keys = type.Key().Select(k => k.Name).ToHashSet();
        var property = type.StructuralProperties()
            .Where(p => !keys.Contains(p.Name) && !p.Type.IsNullable && KindOf(p.Type) is "number" or "boolean" or "date" or "datetime")
            .OrderBy(p => all.Select(r => r[p.Name]?.ToJsonString()).Distinct().Count())
            .FirstOrDefault();
        if (property is null)
        {
            return;
        }

        var walked = await ODataClient.WalkAsync(Admin, $"{EverySetFixture.Url(name)}?$orderby={property.Name} desc");

        Keys(name, walked).ShouldBe(Keys(name, all), ignoreOrder: true, $"{name}?$orderby={property.Name} desc");
        for (var i = 1; i < walked.Count; i++)
        {
            ODataClient.Compare(property.Type, walked[i - 1][property.Name], walked[i][property.Name])
                .ShouldBeGreaterThanOrEqualTo(0, $"{name}?$orderby={property.Name} desc: rows {i - 1} and {i}");
        }
    }

    /// <summary>A $top larger than the page: the next link carries on, and the pages hold exactly $top rows together.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TopLargerThanThePage_NextLinksStopAtTop(string name)
    {
        var all = await fixture.WalkAsync(name);
        var top = EverySetFixture.PageSize + 3;

        var walked = await ODataClient.WalkAsync(Admin, $"{EverySetFixture.Url(name)}?$top={top}");

        Keys(name, walked).ShouldBe(Keys(name, all.Take(top)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SelectFirstKeyProperty_ReturnsOnlyThatProperty(string name)
    {
        var key = fixture.SetOf(name).EntityType.Key().First().Name;
        var all = await fixture.WalkAsync(name);

        var page = await ODataClient.GetJsonAsync(Admin, $"{EverySetFixture.Url(name)}?$select={key}&$top=5");

        var rows = ODataClient.Rows(page);
        rows.Count.ShouldBe(Math.Min(5, all.Count));
        foreach (var row in rows)
        {
            Properties(row).ShouldBe([key], $"{name}: {row.ToJsonString()}");
        }

        rows.Select(r => r[key]!.ToJsonString()).ShouldBe(all.Take(5).Select(r => r[key]!.ToJsonString()));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task OrderByKeyDescending_WithTop5_IsTheLastFiveKeysInDescendingOrder(string name)
    {
        var type = fixture.SetOf(name).EntityType;
        var all = await fixture.WalkAsync(name);
        var orderBy = string.Join(",", type.Key().Select(k => $"{k.Name} desc"));

        var rows = ODataClient.Rows(await ODataClient.GetJsonAsync(Admin, $"{EverySetFixture.Url(name)}?$orderby={orderBy}&$top=5"));

        var expected = all.Order(Comparer<JsonObject>.Create((a, b) => CompareKeys(type, b, a))).Take(5);
        Keys(name, rows).ShouldBe(Keys(name, expected));
        for (var i = 1; i < rows.Count; i++)
        {
            CompareKeys(type, rows[i - 1], rows[i]).ShouldBeGreaterThan(0, $"{name}: rows {i - 1} and {i} are not in descending key order");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Skip_SecondPageContinuesTheFirstWithoutRepeatingIt(string name)
    {
        var all = await fixture.WalkAsync(name);
        var type = fixture.SetOf(name).EntityType;
        var orderBy = string.Join(",", type.Key().Select(k => k.Name));

        var first = ODataClient.Rows(await ODataClient.GetJsonAsync(Admin, $"{EverySetFixture.Url(name)}?$orderby={orderBy}&$top=3"));
        var second = ODataClient.Rows(await ODataClient.GetJsonAsync(Admin, $"{EverySetFixture.Url(name)}?$orderby={orderBy}&$skip=3&$top=3"));
        var past = ODataClient.Rows(await ODataClient.GetJsonAsync(Admin, $"{EverySetFixture.Url(name)}?$skip={all.Count}"));

        Keys(name, first).Intersect(Keys(name, second)).ShouldBeEmpty();
        Keys(name, first.Concat(second)).ShouldBe(Keys(name, all.Take(6)));
        second.Count.ShouldBe(Math.Clamp(all.Count - 3, 0, 3));
        past.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task FilterOnTheKey_FindsExactlyThatRow(string name)
    {
        var type = fixture.SetOf(name).EntityType;
        var all = await fixture.WalkAsync(name);
        if (all.Count == 0)
        {
            return;
        }

        foreach (var row in new[] { all[0], all[all.Count / 2], all[^1] })
        {
            var filter = string.Join(" and ", type.Key().Select(k => $"{k.Name} eq {ODataClient.Literal(k.Type, row[k.Name])}"));

            var found = ODataClient.Rows(await ODataClient.GetJsonAsync(Admin, $"{EverySetFixture.Url(name)}?$filter={Uri.EscapeDataString(filter)}"));

            Keys(name, found).ShouldBe(Keys(name, [row]), filter);
            found[0].ToJsonString().ShouldBe(row.ToJsonString());
        }
    }

    /// <summary>
    /// For the first non-nullable, non-key property of each kind (number, date-time, date, boolean, string, GUID):
    /// the rows the feed returns for a comparison are exactly the walked rows the comparison holds for.
    /// </summary>

    private List<string> Keys(string name, IEnumerable<JsonObject> rows) => fixture.Keys(name, rows);
}
