using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Application.Common;
using VisionTracker.Infrastructure.Persistence.Reporting;
using VisionTracker.IntegrationTests.OData;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Security;

/// <summary>A feed with pages of three rows and at most fifteen rows read per answer: one goal with seven key results, each with four check-ins.</summary>
public sealed class SmallPagesFeed : IAsyncLifetime
{
    public VisionTrackerFactory Factory { get; } = new() { Settings = { ["OData:PageSize"] = "3", ["OData:MaxTop"] = "10", ["OData:MaxRowsPerResponse"] = "15" } };

    public GoalScene Scene { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Factory.InitializeAsync();
        Scene = await Factory.ArrangeGoalSceneAsync();
        for (var i = 1; i < 7; i++)
        {
            await Factory.ArrangeKeyResultAsync(Scene.GoalId, Scene.Leader.Id, title: $"Nøgleresultat {i}");
        }

        var keyResults = await Factory.WithDbAsync(db => db.KeyResults.Where(k => k.GoalId == Scene.GoalId).Select(k => k.Id).ToListAsync());
        foreach (var keyResult in keyResults)
        {
            for (var i = 0; i < 4; i++)
            {
                var response = await Scene.Leader.Client.PostJsonAsync($"/api/key-results/{keyResult}/check-ins", new { value = 10 * (i + 1), confidence = 0.5 });
                await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
            }
        }
    }

    public Task DisposeAsync() => Factory.DisposeAsync();
}

/// <summary>
/// OWASP API4:2023 Unrestricted Resource Consumption in the feed: an expanded collection is paged like a set and
/// capped like one, the rows one answer reads are capped, and a query past its time is cancelled in the database.
/// </summary>
public sealed class FeedLimitTests(SmallPagesFeed feed) : IClassFixture<SmallPagesFeed>
{
    private HttpClient Leader => feed.Scene.Leader.Client;

    [Fact]
    public async Task Api4_UnrestrictedResourceConsumption_ExpandedCollection_IsPagedWithANextLinkThatWorks()
    {
        var goal = (await Leader.GetRowsAsync($"/odata/Goals?$filter=Id eq {feed.Scene.GoalId}&$expand=KeyResults($select=Title)")).ShouldHaveSingleItem()!;

        var firstPage = goal["KeyResults"]!.AsArray();
        firstPage.Count.ShouldBe(3);
        var next = goal["KeyResults@odata.nextLink"]!.GetValue<string>();
        next.ShouldStartWith("http://localhost/odata/Goals");
        next.ShouldContain($"{feed.Scene.GoalId}/KeyResults");
        var rest = await Leader.WalkAsync(next);
        firstPage.Concat(rest.Rows).Select(k => k!["Title"]!.GetValue<string>()).Distinct().Count().ShouldBe(7);
    }

    [Fact]
    public async Task ExpandedCollection_OrderedAndSkipped_IsThePageTheSetGives()
    {
        var ordered = await Leader.WalkAsync($"/odata/KeyResults?$filter=GoalId eq {feed.Scene.GoalId}&$orderby=Title desc&$select=Title");

        var goal = (await Leader.GetRowsAsync($"/odata/Goals?$filter=Id eq {feed.Scene.GoalId}&$expand=KeyResults($orderby=Title desc;$skip=1;$select=Title)")).ShouldHaveSingleItem()!;

        var expected = ordered.Rows.Select(k => k!["Title"]!.GetValue<string>()).ToList();
        expected.Count.ShouldBe(7);
        goal["KeyResults"]!.AsArray().Select(k => k!["Title"]!.GetValue<string>()).ShouldBe(expected.Skip(1).Take(3));
        goal["KeyResults@odata.nextLink"].ShouldNotBeNull();
    }

    [Fact]
    public async Task ExpandedCollectionInsideAnExpandedCollection_IsPagedPerParent()
    {
        var goal = (await Leader.GetRowsAsync(
            $"/odata/Goals?$filter=Id eq {feed.Scene.GoalId}&$expand=KeyResults($top=2;$orderby=Title;$select=Id,Title;$expand=CheckIns($orderby=Value desc;$select=Value))")).ShouldHaveSingleItem()!;

        var keyResults = goal["KeyResults"]!.AsArray();
        keyResults.Count.ShouldBe(2);
        keyResults.ShouldAllBe(k => k!["CheckIns"]!.AsArray().Select(c => c!["Value"]!.GetValue<double>()).SequenceEqual(new[] { 40.0, 30.0, 20.0 }));
        keyResults.ShouldAllBe(k => k!["CheckIns@odata.nextLink"] != null);
    }

    [Fact]
    public async Task TopInsideAnExpansionTwoLevelsDeep_IsServedOnBothDatabases()
    {
        var goal = (await Leader.GetRowsAsync(
            $"/odata/Goals?$filter=Id eq {feed.Scene.GoalId}&$expand=KeyResults($top=2;$orderby=Title;$select=Title;$expand=CheckIns($top=2;$skip=1;$orderby=Value desc;$select=Value))")).ShouldHaveSingleItem()!;

        var keyResults = goal["KeyResults"]!.AsArray();
        keyResults.Count.ShouldBe(2);
        keyResults.ShouldAllBe(k => k!["CheckIns"]!.AsArray().Select(c => c!["Value"]!.GetValue<double>()).SequenceEqual(new[] { 30.0, 20.0 }));
    }

    [Fact]
    public async Task Api4_UnrestrictedResourceConsumption_NestedTopAboveTheMaximum_Is400()
    {
        var response = await Leader.GetAsync("/odata/Goals?$expand=KeyResults($top=99999)");

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        body!["error"]!["message"]!.GetValue<string>().ShouldContain("$top i $expand");
    }

    [Fact]
    public async Task Api4_UnrestrictedResourceConsumption_AnswerReadingTooManyRows_Is400AskingForANarrowerQuery()
    {
        var response = await Leader.GetAsync($"/odata/Goals?$filter=Id eq {feed.Scene.GoalId}&$expand=KeyResults($top=10;$expand=CheckIns($top=10))");

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        body!["error"]!["code"]!.GetValue<string>().ShouldBe("ResponseTooLarge", body.ToJsonString());
        body["error"]!["message"]!.GetValue<string>().ShouldContain("Gør forespørgslen smallere");
    }

    [Fact]
    public async Task Api4_UnrestrictedResourceConsumption_AnswerWithinTheRowCap_IsServed()
    {
        var response = await Leader.GetAsync($"/odata/KeyResults?$top=2&$expand=CheckIns");

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body!["value"]!.AsArray().ShouldAllBe(k => k!["CheckIns"]!.AsArray().Count == 3);
    }

    [Fact]
    public async Task Api4_UnrestrictedResourceConsumption_FeedQueryPastItsTime_Is400()
    {
        await using var hurried = new VisionTrackerFactory { Settings = { ["OData:QueryTimeoutSeconds"] = "0.0001" } };
        await hurried.InitializeAsync();

        var response = await hurried.Admin.GetAsync("/odata/Goals");

        (await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["error"]!["code"]!.GetValue<string>().ShouldBe("QueryTimeout");
    }

    [Fact]
    public async Task Api4_UnrestrictedResourceConsumption_RestReadPastItsTime_Is503WithRetryAfter()
    {
        await using var hurried = new VisionTrackerFactory { Settings = { ["Limits:ReadTimeoutSeconds"] = "0.0001" } };
        await hurried.InitializeAsync();

        var response = await hurried.Admin.GetAsync("/api/goals");

        await response.ShouldHaveStatusAsync(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter.ShouldNotBeNull();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact(Timeout = 120_000)]
    public async Task Api4_UnrestrictedResourceConsumption_StatementPastTheDeadline_IsCancelledInTheDatabase()
    {
        using var scope = feed.Factory.Services.CreateScope();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        scope.ServiceProvider.GetRequiredService<ReadLimits>().Deadline = deadline.Token;
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        const string Endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS \"Value\" FROM c";

        var failure = await Should.ThrowAsync<Exception>(() => db.Database.SqlQueryRaw<long>(Endless).ToListAsync(deadline.Token));

        (failure is OperationCanceledException || failure.Message.Contains("interrupted", StringComparison.OrdinalIgnoreCase)).ShouldBeTrue(failure.ToString());
        var stillRunning = db.Database.IsNpgsql()
            ? await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'WITH RECURSIVE c(x)%'").SingleAsync()
            : 0;
        stillRunning.ShouldBe(0);
        (await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync()).ShouldBe(1);
    }
}
