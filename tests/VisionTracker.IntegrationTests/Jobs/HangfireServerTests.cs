using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Domain.Organisation;
using VisionTracker.Infrastructure.Jobs;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Jobs;

/// <summary>Hangfire hosts keep process-wide statics, so the tests that run a real Hangfire server run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireCollection : ICollectionFixture<HangfireHost>
{
    public const string Name = "Hangfire server";
}

/// <summary>
/// The service with a real Hangfire server whose storage follows the database provider: its own SQLite file next to
/// the test database (or the hangfire schema in the PostgreSQL lane).
/// </summary>
public sealed class HangfireHost : IAsyncLifetime
{
    private readonly string sqlitePath = Path.Combine(Path.GetTempPath(), $"visiontracker_test_{Guid.NewGuid():N}.hangfire.db");

    public HangfireHost() => Factory = new VisionTrackerFactory
    {
        Settings = { ["Jobs:Storage"] = "", ["Jobs:SqlitePath"] = sqlitePath, ["Jobs:Server:Enabled"] = "true", ["Jobs:Server:PollInterval"] = "00:00:01" },
    };

    public VisionTrackerFactory Factory { get; }

    public string SqlitePath => sqlitePath;

    public Task InitializeAsync() => Factory.InitializeAsync();

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(sqlitePath + suffix);
        }
    }
}

[Collection(HangfireCollection.Name)]
public sealed class HangfireServerTests(HangfireHost host)
{
    private VisionTrackerFactory Factory => host.Factory;

    [Fact]
    public void Startup_RegistersTheNightlyRollUpWithItsCronAndTimeZone()
    {
        using var connection = Factory.Services.GetRequiredService<JobStorage>().GetConnection();

        var job = connection.GetRecurringJobs().Single(j => j.Id == FiguresNightlyJob.JobId);

        job.Cron.ShouldBe("30 2 * * *");
        job.TimeZoneId.ShouldBe("Europe/Copenhagen");
        job.Job.Type.ShouldBe(typeof(RecurringJobRunner));
        job.Job.Args.ShouldBe([FiguresNightlyJob.JobId, CancellationToken.None]);
    }

    [Fact]
    public async Task NightlyRollUp_TriggeredOnTheHangfireServer_RunsToSuccessAndRepairsTheFigures()
    {
        var scene = await Factory.ArrangeGoalSceneAsync();
        await (await scene.Leader.Client.PostJsonAsync($"/api/key-results/{scene.KeyResultId}/check-ins", new { value = 50, confidence = 0.7, note = "En fjerdedel" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        await Factory.WithDbAsync(async db =>
        {
            (await db.KeyResults.SingleAsync(k => k.Id == scene.KeyResultId)).Progress = 0.9;
            return await db.SaveChangesAsync();
        });

        var jobId = ((IRecurringJobManagerV2)Factory.Services.GetRequiredService<IRecurringJobManager>()).TriggerJob(FiguresNightlyJob.JobId);
        var state = await WaitForFinalStateAsync(jobId!);

        state.ShouldBe("Succeeded");
        var kr = (await (await scene.Leader.Client.GetAsync($"/api/key-results/{scene.KeyResultId}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        kr["keyResult"]!["progress"]!.GetValue<double>().ShouldBe(0.25, 1e-9);
        var snapshots = await Factory.WithDbAsync(db => db.ProgressSnapshots.Where(s => s.SubjectId == scene.KeyResultId).ToListAsync());
        snapshots.Count.ShouldBe(1);
        snapshots[0].Date.ShouldBe(new DateOnly(2027, 3, 15));
        snapshots[0].Figures.Progress!.Value.ShouldBe(0.25, 1e-9);
    }

    [Fact]
    public async Task Dashboard_WithoutCredentials_Returns401WithABasicChallenge()
    {
        var response = await Factory.CreateClient().GetAsync("/hangfire");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ShouldContain(h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task Dashboard_WithAnUnknownToken_Returns401()
    {
        var response = await Factory.ClientWithToken("vt_not_a_real_token").GetAsync("/hangfire");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(Role.Leader)]
    [InlineData(Role.DepartmentHead)]
    [InlineData(Role.Admin)]
    public async Task Dashboard_ForAnyoneButAnAdminOfTheWholeOrganisation_Returns403(Role role)
    {
        var department = await Factory.CreateUnitAsync("Sundhed og Omsorg");
        var person = await Factory.CreatePersonAsync($"Ikke global {role}", department.Id, role);

        var response = await person.Client.GetAsync("/hangfire/recurring");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain(FiguresNightlyJob.JobId);
    }

    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/recurring")]
    [InlineData("/hangfire/servers")]
    public async Task Dashboard_ForTheAdmin_ShowsTheJobsButNotTheStorageConnection(string page)
    {
        var response = await Factory.Admin.GetAsync(page);

        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("VisionTracker jobs");
        html.ShouldNotContain(Path.GetFileName(host.SqlitePath));
        html.ShouldNotContain("Data Source", Case.Insensitive);
        html.ShouldNotContain("Host=", Case.Insensitive);
        html.ShouldNotContain("visiontracker_test_", Case.Insensitive);
        if (page == "/hangfire/recurring")
        {
            html.ShouldContain(FiguresNightlyJob.JobId);
        }
    }

    [Fact]
    public async Task Dashboard_WithTheAdminTokenAsBasicPassword_Returns200()
    {
        var client = Factory.CreateClient();
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{VisionTrackerFactory.AdminToken}"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", basic);

        var response = await client.GetAsync("/hangfire/recurring");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DashboardTrigger_WithoutTheAntiforgeryToken_Returns403AndRunsNothing()
    {
        var client = Factory.ClientWithToken(VisionTrackerFactory.AdminToken);
        var before = LastJobId();

        var response = await client.PostAsync("/hangfire/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", FiguresNightlyJob.JobId)]));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        LastJobId().ShouldBe(before);
    }

    [Fact]
    public async Task DashboardTrigger_WithTheTokenFromTheDashboardPage_EnqueuesTheJob()
    {
        var client = Factory.ClientWithToken(VisionTrackerFactory.AdminToken);
        var page = await (await client.GetAsync("/hangfire/recurring")).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"csrf-token\" content=\"([^\"]+)\"").Groups[1].Value;
        var before = LastJobId();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", FiguresNightlyJob.JobId)]),
        };
        request.Headers.Add("RequestVerificationToken", token);
        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var triggered = LastJobId();
        triggered.ShouldNotBeNull();
        triggered.ShouldNotBe(before);
        (await WaitForFinalStateAsync(triggered)).ShouldBe("Succeeded");
    }

    private string? LastJobId()
    {
        using var connection = Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().Single(j => j.Id == FiguresNightlyJob.JobId).LastJobId;
    }

    /// <summary>Polls Hangfire's storage until the job reaches a final state; the timeout only guards a hang.</summary>
    private async Task<string> WaitForFinalStateAsync(string jobId)
    {
        using var connection = Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var state = connection.GetJobData(jobId)?.State;
            if (state is "Succeeded" or "Deleted" || DateTime.UtcNow > deadline)
            {
                return state ?? "none";
            }

            // A failed run is retried later (Scheduled) or given up (Failed): either way, report why.
            if (state is "Failed" or "Scheduled")
            {
                return $"{state}: {connection.GetStateData(jobId)?.Reason}";
            }

            await Task.Delay(200);
        }
    }
}
