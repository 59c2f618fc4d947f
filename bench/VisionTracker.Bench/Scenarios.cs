using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Infrastructure.Jobs;
using VisionTracker.Infrastructure.Persistence;

namespace VisionTracker.Bench;

/// <summary>Ids the scenarios address, looked up in the data set under test (see <see cref="BenchTargets"/>).</summary>
public sealed record BenchTargets(Guid ActivePeriodId, Guid DepartmentId, Guid GoalId, Guid KeyResultId, double KeyResultValue);

/// <summary>One timed operation against a running data set. <see cref="RunAsync"/> returns false when the target is absent ("n/a").</summary>
public abstract record Scenario(string Name)
{
    /// <summary>Fewer runs for heavy scenarios (jobs); null = the harness's --runs.</summary>
    public int? Runs { get; init; }

    public abstract Task<bool> RunAsync(BenchHost host, BenchTargets targets, int iteration, CancellationToken ct);

    protected static async Task<bool> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await client.SendAsync(request, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false; // no such route (yet), e.g. OData before it is merged: reported as n/a
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)[..Math.Min(body.Length, 400)]}");
        }

        return true;
    }
}

/// <summary>A GET through real HTTP; the body is read in full.</summary>
public sealed record GetScenario(string Name, Func<BenchTargets, string> Url) : Scenario(Name)
{
    public override Task<bool> RunAsync(BenchHost host, BenchTargets targets, int iteration, CancellationToken ct) =>
        SendAsync(host.Admin, new HttpRequestMessage(HttpMethod.Get, Url(targets)), ct);
}

/// <summary>A key-result check-in through real HTTP; each run reports a slightly different value.</summary>
public sealed record CheckInScenario(string Name) : Scenario(Name)
{
    public override Task<bool> RunAsync(BenchHost host, BenchTargets targets, int iteration, CancellationToken ct) =>
        SendAsync(host.Admin, new HttpRequestMessage(HttpMethod.Post, $"/api/key-results/{targets.KeyResultId}/check-ins")
        {
            Content = JsonContent.Create(new { value = targets.KeyResultValue + (iteration % 5), confidence = 0.7, note = $"Benchmark check-in {iteration}." }),
        }, ct);
}

/// <summary>The one roll-up, in-process: <see cref="FigureCalculator.RecalculatePeriodAsync"/> of the active period, then saved.</summary>
public sealed record RecalculateScenario(string Name) : Scenario(Name)
{
    public override async Task<bool> RunAsync(BenchHost host, BenchTargets targets, int iteration, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CommandContext>().Name = "Bench:RecalculatePeriod";
        await scope.ServiceProvider.GetRequiredService<FigureCalculator>().RecalculatePeriodAsync(targets.ActivePeriodId, ct);
        await scope.ServiceProvider.GetRequiredService<VisionTrackerDbContext>().SaveChangesAsync(ct);
        return true;
    }
}

/// <summary>A recurring job run in-process by its id through the <see cref="IRecurringJob"/> contract; n/a while no job has that id.</summary>
public sealed record JobScenario(string JobId) : Scenario($"job {JobId}")
{
    public override async Task<bool> RunAsync(BenchHost host, BenchTargets targets, int iteration, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetServices<IRecurringJob>().FirstOrDefault(j => j.Id == JobId);
        if (job is null)
        {
            return false;
        }

        await job.RunAsync(ct);
        return true;
    }
}

public static class Scenarios
{
    /// <summary>
    /// What the harness measures, in table order. Add a line to measure more: a <see cref="GetScenario"/> for any URL
    /// (OData included), a <see cref="JobScenario"/> for a recurring job's id. Every registered recurring job is also
    /// measured automatically (see <see cref="WithRegisteredJobs"/>).
    /// </summary>
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new GetScenario("GET /api/vision/tree?periodId=active", t => $"/api/vision/tree?periodId={t.ActivePeriodId}"),
        new GetScenario("GET /api/goals?take=50", _ => "/api/goals?take=50"),
        new GetScenario("GET /api/goals/{id} (goal detail)", t => $"/api/goals/{t.GoalId}"),
        new GetScenario("GET /api/org-units/{dept}/goals?periodId=active", t => $"/api/org-units/{t.DepartmentId}/goals?periodId={t.ActivePeriodId}"),
        new CheckInScenario("POST /api/key-results/{id}/check-ins"),
        new RecalculateScenario("FigureCalculator.RecalculatePeriodAsync(active)"),
        new GetScenario("GET /odata/Goals?$top=100", _ => "/odata/Goals?$top=100"),
        new GetScenario("GET /odata/Goals?$filter=…&$orderby=…&$top=50", t => $"/odata/Goals?$filter=PeriodId eq {t.ActivePeriodId}&$orderby=Progress desc&$top=50"),
        new GetScenario("GET /odata/Goals (first page, 200)", _ => "/odata/Goals?$count=true"),
        new GetScenario("GET /odata/Goals?$expand=KeyResults($expand=Actions)&$top=50", _ => "/odata/Goals?$expand=KeyResults($expand=Actions)&$top=50"),
        new GetScenario("GET /odata/Goals?$apply=filter(green, active)/groupby(unit)", _ =>
            "/odata/Goals?$apply=filter(GreenTransition eq true and Period/State eq 'Active')/groupby((OwnerUnit/Name),aggregate(Progress with average as AverageProgress,$count as Goals))"),
        new GetScenario("GET /odata/CheckIns (first page, 200)", _ => "/odata/CheckIns?$count=true"),
        new GetScenario("GET /odata/ThemeProgress?$filter=period", t => $"/odata/ThemeProgress?$filter=PeriodId eq {t.ActivePeriodId}"),
        new GetScenario("GET /odata/UnitProgress?$filter=period", t => $"/odata/UnitProgress?$filter=PeriodId eq {t.ActivePeriodId}"),
        new GetScenario("GET /odata/AlignmentGaps?$count=true", _ => "/odata/AlignmentGaps?$count=true"),
        new JobScenario("figures-nightly") { Runs = 3 },
        new GetScenario("GET /odata/UnitProgressAsOf(date=today)", _ => $"/odata/UnitProgressAsOf(date={DateTime.UtcNow:yyyy-MM-dd})"),
        new GetScenario("GET /odata/ThemeProgressAsOf(date=today)", _ => $"/odata/ThemeProgressAsOf(date={DateTime.UtcNow:yyyy-MM-dd})"),
    ];

    /// <summary>The fixed list plus one <see cref="JobScenario"/> (3 runs) per recurring job registered in the API.</summary>
    public static IReadOnlyList<Scenario> WithRegisteredJobs(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var ids = scope.ServiceProvider.GetServices<IRecurringJob>().Select(j => j.Id).Order(StringComparer.Ordinal).ToList();
        List<Scenario> list = [.. All];
        list.AddRange(ids.Count == 0
            ? [new JobScenario("(none registered)") { Runs = 1 }]
            : ids.Where(id => !list.OfType<JobScenario>().Any(j => j.JobId == id)).Select(id => new JobScenario(id) { Runs = 3 }));
        return list;
    }
}
