using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;
using Xunit;

namespace VisionTracker.IntegrationTests.OData.Portability;

/// <summary>
/// Where SQLite and PostgreSQL disagree, the feed answers as OData says on both: null sorts lowest, round() rounds
/// halves away from zero, tolower/toupper know Danish letters. (This class runs on each database lane.)
/// </summary>
public sealed class PortableQueriesTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>, IAsyncLifetime
{
    private Guid unitId;

    public async Task InitializeAsync()
    {
        var unit = await factory.CreateUnitAsync("Portabilitet");
        unitId = unit.Id;
        var owner = await factory.CreatePersonAsync("Ærlige Åse", unit.Id, Role.Leader);
        var periodId = await factory.ArrangePeriodAsync();
        var withNull = await factory.ArrangeGoalAsync(periodId, unit.Id, owner.Id, "ÆBLEHAVEN");
        var low = await factory.ArrangeGoalAsync(periodId, unit.Id, owner.Id, "Ørestad");
        var high = await factory.ArrangeGoalAsync(periodId, unit.Id, owner.Id, "Åbyhøj");
        await factory.ArrangeKeyResultAsync(low, owner.Id, current: 2.5, title: "Halv op");
        await factory.ArrangeKeyResultAsync(high, owner.Id, current: -2.5, title: "Halv ned");
        await factory.ArrangeKeyResultAsync(high, owner.Id, current: 3.5, title: "Tre en halv");
        await factory.WithDbAsync(async db =>
        {
            var goals = await db.Goals.Where(g => g.OwnerUnitId == unitId).ToListAsync();
            goals.Single(g => g.Id == withNull).Progress = null;
            goals.Single(g => g.Id == low).Progress = 0.25;
            goals.Single(g => g.Id == high).Progress = 0.75;
            return await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task NullSortsFirstAscending_AndLastDescending()
    {
        (await Progresses("asc")).ShouldBe([null, 0.25, 0.75]);
        (await Progresses("desc")).ShouldBe([0.75, 0.25, null]);
    }

    [Theory]
    [InlineData("round(CurrentValue) eq 3", "Halv op")]
    [InlineData("round(CurrentValue) eq -3", "Halv ned")]
    [InlineData("round(CurrentValue) eq 4", "Tre en halv")]
    public async Task RoundTakesHalvesAwayFromZero(string filter, string title)
    {
        var rows = await Rows($"/odata/KeyResults?$filter=({filter}) and Goal/OwnerUnitId eq {unitId}&$select=Title");
        rows.Select(r => r!["Title"]!.GetValue<string>()).ShouldBe([title]);
    }

    [Theory]
    [InlineData("tolower(Title) eq 'æblehaven'", "ÆBLEHAVEN")]
    [InlineData("toupper(Title) eq 'ØRESTAD'", "Ørestad")]
    [InlineData("contains(tolower(Title),'åby')", "Åbyhøj")]
    public async Task CaseFunctionsKnowDanishLetters(string filter, string title)
    {
        var rows = await Rows($"/odata/Goals?$filter=({filter}) and OwnerUnitId eq {unitId}&$select=Title");
        rows.Select(r => r!["Title"]!.GetValue<string>()).ShouldBe([title]);
    }

    private async Task<double?[]> Progresses(string direction)
    {
        var rows = await Rows($"/odata/Goals?$filter=OwnerUnitId eq {unitId}&$orderby=Progress {direction}&$select=Progress");
        return [.. rows.Select(r => r!["Progress"]?.GetValue<double>())];
    }

    private async Task<JsonArray> Rows(string url)
    {
        using var response = await factory.Admin.GetAsync(url);
        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return body!["value"]!.AsArray();
    }
}
