using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OData.Edm;
using VisionTracker.IntegrationTests.Support;
using static VisionTracker.IntegrationTests.OData.Conformance.EverySetFixture;

namespace VisionTracker.IntegrationTests.OData.Conformance;

/// <summary>
/// <see cref="EverySetFixture"/> at the service's own page size: the query options here are about which rows and values
/// come back, not about paging (that is <see cref="EverySetTests"/>' and <see cref="IndependentClientTests"/>' concern, at
/// small pages). At 40 rows a page the filters' walks through the larger sets were most of this class's time.
/// </summary>
public sealed class EverySetQueryFixture() : EverySetFixture(pageSize: null);

/// <summary>
/// The rest of the system query options on every entity set and on both AsOf functions ($filter, $expand, $apply,
/// $compute, /$count, by key): a class of its own, on its own copy of the demo, so it runs beside <see cref="EverySetTests"/>.
/// </summary>
[LongRunning]
public sealed class EverySetQueryTests(EverySetQueryFixture fixture) : IClassFixture<EverySetQueryFixture>
{
    public static TheoryData<string> Cases => EverySetTests.Cases;

    public static TheoryData<string> Sets => EverySetTests.Sets;

    private HttpClient Admin => fixture.Factory.Admin;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task FilterOnScalarProperties_ReturnsExactlyTheRowsTheComparisonHoldsFor(string name)
    {
        var type = fixture.SetOf(name).EntityType;
        var all = await fixture.WalkAsync(name);
        if (all.Count == 0)
        {
            return;
        }

        var keys = type.Key().Select(k => k.Name).ToHashSet();
        var candidates = type.StructuralProperties()
            .Where(p => !keys.Contains(p.Name) && !p.Type.IsNullable && p.Type.IsPrimitive())
            .GroupBy(p => KindOf(p.Type))
            .Where(g => g.Key is not null)
            .Select(g => g.First())
            .ToList();
        candidates.ShouldNotBeEmpty($"{name} has no non-nullable scalar property to filter on");

        foreach (var property in candidates)
        {
            var sorted = all.Select(r => r[property.Name]).Order(Comparer<JsonNode?>.Create((a, b) => ODataClient.Compare(property.Type, a, b))).ToList();
            var pivot = sorted[sorted.Count / 2];
            var literal = ODataClient.Literal(property.Type, pivot);
            var operators = KindOf(property.Type) is "number" or "datetime" or "date"
                ? new (string Op, Func<int, bool> Holds)[] { ("ge", c => c >= 0), ("lt", c => c < 0), ("eq", c => c == 0), ("ne", c => c != 0) }
                : [("eq", c => c == 0), ("ne", c => c != 0)];
            foreach (var (op, holds) in operators)
            {
                var filter = $"{property.Name} {op} {literal}";
                var expected = all.Where(r => holds(ODataClient.Compare(property.Type, r[property.Name], pivot))).ToList();

                var url = $"{EverySetFixture.Url(name)}?$count=true&$filter={Uri.EscapeDataString(filter)}";
                var (page, found) = await ODataClient.WalkPagesAsync(Admin, url);

                page["@odata.count"]!.GetValue<long>().ShouldBe(expected.Count, $"{name}?$filter={filter}");
                Keys(name, found).ShouldBe(Keys(name, expected), $"{name}?$filter={filter}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ExpandEachNavigationProperty_Answers200WithTheNavigationInEveryRow(string name)
    {
        var type = fixture.SetOf(name).EntityType;
        var all = await fixture.WalkAsync(name);

        foreach (var navigation in type.NavigationProperties())
        {
            var page = await ODataClient.GetJsonAsync(Admin, $"{EverySetFixture.Url(name)}?$expand={navigation.Name}&$top=3&$count=true");

            var rows = ODataClient.Rows(page);
            rows.Count.ShouldBe(Math.Min(3, all.Count), $"{name}?$expand={navigation.Name}");
            page["@odata.count"]!.GetValue<long>().ShouldBe(all.Count);
            foreach (var row in rows)
            {
                row.ContainsKey(navigation.Name).ShouldBeTrue($"{name}?$expand={navigation.Name}: {row.ToJsonString()}");
                if (navigation.Type.IsCollection())
                {
                    row[navigation.Name].ShouldBeOfType<JsonArray>($"{name}?$expand={navigation.Name}");
                }
                else if (row[navigation.Name] is { } target)
                {
                    target.ShouldBeOfType<JsonObject>();
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ApplyAggregateCount_AnswersTheRowCount(string name)
    {
        var all = await fixture.WalkAsync(name);
        var counted = await ODataClient.GetJsonAsync(Admin, $"{EverySetFixture.Url(name)}?$count=true&$top=0");

        var page = await ODataClient.GetJsonAsync(Admin, $"{EverySetFixture.Url(name)}?$apply={Uri.EscapeDataString("aggregate($count as N)")}");

        page["@odata.context"].ShouldNotBeNull();
        var row = ODataClient.Rows(page).ShouldHaveSingleItem();
        row["N"].ShouldNotBeNull($"{name}: {page.ToJsonString()}").GetValue<long>().ShouldBe(counted["@odata.count"]!.GetValue<long>());
        row["N"]!.GetValue<long>().ShouldBe(all.Count);
    }

    /// <summary>
    /// $compute over the first non-nullable numeric property (the key only when nothing else is numeric): the value is
    /// right, and $filter on the computed property selects the rows the client computes it for.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Compute_OnANonNullableNumericProperty_ReturnsTheComputedValue(string name)
    {
        var type = fixture.SetOf(name).EntityType;
        var all = await fixture.WalkAsync(name);
        var keys = type.Key().Select(k => k.Name).ToList();
        var numeric = type.StructuralProperties()
            .Where(p => !keys.Contains(p.Name) && !p.Type.IsNullable && KindOf(p.Type) == "number")
            .Concat(type.Key().Where(k => KindOf(k.Type) == "number"))
            .FirstOrDefault();
        if (numeric is null)
        {
            await ComputeStringLengthAsync(name, type, all);
            return;
        }

        var compute = Uri.EscapeDataString($"{numeric.Name} mul 2 add 1 as Computed");
        var select = string.Join(",", keys.Append(numeric.Name).Distinct().Append("Computed"));

        var rows = ODataClient.Rows(await ODataClient.GetJsonAsync(Admin, $"{EverySetFixture.Url(name)}?$compute={compute}&$select={select}&$top=5"));

        rows.Count.ShouldBe(Math.Min(5, all.Count));
        foreach (var row in rows)
        {
            var value = row[numeric.Name]!.GetValue<double>();
            row["Computed"].ShouldNotBeNull($"{name}: {row.ToJsonString()}").GetValue<double>().ShouldBe((value * 2) + 1, 1e-9);
        }

        if (all.Count == 0)
        {
            return;
        }

        var computed = all.Select(r => (r[numeric.Name]!.GetValue<double>() * 2) + 1).Order().ToList();
        var pivot = computed[computed.Count / 2];
        foreach (var (op, holds) in new (string, Func<double, bool>)[] { ("eq", c => c == pivot), ("ge", c => c >= pivot) })
        {
            // The literal is the shortest text of the value the feed itself writes for Computed on those rows.
            var filter = $"Computed {op} {pivot.ToString("R", CultureInfo.InvariantCulture)}";
            var filtered = await ODataClient.GetJsonAsync(Admin, $"{EverySetFixture.Url(name)}?$compute={compute}&$filter={Uri.EscapeDataString(filter)}&$count=true&$top=0");
            filtered["@odata.count"]!.GetValue<long>().ShouldBe(computed.Count(holds), $"{name}?$compute={numeric.Name} mul 2 add 1 as Computed&$filter={filter}");
        }
    }

    /// <summary>
    /// A $compute'd copy of a Double property filters like the property itself, for a value a float cannot hold exactly
    /// (0.7): the literal must be read as the Double it compares with, not as a Single.
    /// </summary>
    [Fact]
    public async Task Compute_FilterOnAComputedCopyOfADoubleProperty_MatchesTheFilterOnTheProperty()
    {
        var all = await fixture.WalkAsync("CheckIns");
        var value = all.Select(r => r["Confidence"]!.GetValue<double>()).Distinct().Order()
            .First(v => (double)(float)v != v && all.Count(r => r["Confidence"]!.GetValue<double>() == v) > 1);
        var literal = value.ToString("R", CultureInfo.InvariantCulture);

        foreach (var op in new[] { "eq", "ge", "lt" })
        {
            var direct = await ODataClient.GetJsonAsync(Admin, $"/odata/CheckIns?$count=true&$top=0&$filter=Confidence {op} {literal}");
            var computed = await ODataClient.GetJsonAsync(Admin, $"/odata/CheckIns?$count=true&$top=0&$compute=Confidence as C&$filter=C {op} {literal}");

            var expected = all.Count(r => op switch
            {
                "eq" => r["Confidence"]!.GetValue<double>() == value,
                "ge" => r["Confidence"]!.GetValue<double>() >= value,
                _ => r["Confidence"]!.GetValue<double>() < value,
            });
            direct["@odata.count"]!.GetValue<long>().ShouldBe(expected, $"CheckIns?$filter=Confidence {op} {literal}");
            computed["@odata.count"]!.GetValue<long>().ShouldBe(expected, $"CheckIns?$compute=Confidence as C&$filter=C {op} {literal}");
        }
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public async Task CountSegment_AnswersThePlainRowCount(string name)
    {
        var all = await fixture.WalkAsync(name);

        var text = await ODataClient.GetStringAsync(Admin, $"{EverySetFixture.Url(name)}/$count");

        long.Parse(text, CultureInfo.InvariantCulture).ShouldBe(all.Count);
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public async Task ByKey_AnswersTheSameEntityAsTheFeed(string name)
    {
        var type = fixture.SetOf(name).EntityType;
        var all = await fixture.WalkAsync(name);
        if (all.Count == 0)
        {
            return;
        }

        var row = all[all.Count / 2];
        var key = type.Key().Count() == 1
            ? ODataClient.Literal(type.Key().Single().Type, row[type.Key().Single().Name])
            : string.Join(",", type.Key().Select(k => $"{k.Name}={ODataClient.Literal(k.Type, row[k.Name])}"));

        var entity = await ODataClient.GetJsonAsync(Admin, $"{EverySetFixture.Url(name)}({key})");

        entity["@odata.context"]!.GetValue<string>().ShouldEndWith($"$metadata#{name}/$entity");
        Properties(entity).ShouldBe(Properties(row));
        foreach (var property in Properties(row))
        {
            entity[property]?.ToJsonString().ShouldBe(row[property]?.ToJsonString(), $"{name}({key}).{property}");
        }
    }

    /// <summary>For a set without a numeric property: length() of its first non-nullable, non-key string (in characters).</summary>
    private async Task ComputeStringLengthAsync(string name, IEdmEntityType type, List<JsonObject> all)
    {
        var keys = type.Key().Select(k => k.Name).ToList();
        var text = type.StructuralProperties().First(p => !keys.Contains(p.Name) && !p.Type.IsNullable && KindOf(p.Type) == "string");
        var compute = Uri.EscapeDataString($"length({text.Name}) as Computed");
        var select = string.Join(",", keys.Append(text.Name).Append("Computed"));

        var rows = ODataClient.Rows(await ODataClient.GetJsonAsync(Admin, $"{EverySetFixture.Url(name)}?$compute={compute}&$select={select}&$top=5"));

        rows.Count.ShouldBe(Math.Min(5, all.Count));
        foreach (var row in rows)
        {
            var value = row[text.Name]!.GetValue<string>();
            row["Computed"].ShouldNotBeNull($"{name}: {row.ToJsonString()}").GetValue<int>().ShouldBe(value.EnumerateRunes().Count(), $"{name}: length({text.Name}) of '{value}'");
        }
    }

    private List<string> Keys(string name, IEnumerable<JsonObject> rows) => fixture.Keys(name, rows);
}
