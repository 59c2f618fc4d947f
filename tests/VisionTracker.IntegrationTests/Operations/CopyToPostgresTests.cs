using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Planning;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Operations;

/// <summary>
/// <c>--copy-to-postgres</c> run as the operator runs it: from a live SQLite installation (demo data, a fresh check-in,
/// its audit trail) into an empty PostgreSQL database, then the service started on the copy.
/// </summary>
[Collection(ServiceProcessCollection.Name)]
[Trait("Lane", "Postgres")]
public sealed class CopyToPostgresTests
{
    [PostgresFact]
    public async Task CopyToPostgres_FromALiveSqliteInstallation_CopiesEverythingAndTheServiceFindsTheSameFigures()
    {
        var sqlite = Path.Combine(Path.GetTempPath(), $"visiontracker-copy-{Guid.NewGuid():N}.db");
        await using var target = new PostgresTestDatabase();
        try
        {
            await using var source = new VisionTrackerFactory
            {
                SeedDemoData = true,
                Settings = { ["Database:Provider"] = "Sqlite", ["Database:ConnectionString"] = $"Data Source={sqlite}" },
            };
            await source.InitializeAsync();
            await CheckInAsync(source);
            var figures = await Figures.ReadAsync(source);
            var command = new Dictionary<string, string>
            {
                ["Database__Provider"] = "Sqlite",
                ["Database__ConnectionString"] = $"Data Source={sqlite}",
                ["Jobs__Storage"] = "InMemory",
            };

            var copy = await ServiceProcess.RunAsync(command, "--copy-to-postgres", target.ConnectionString);
            var again = await ServiceProcess.RunAsync(command, "--copy-to-postgres", target.ConnectionString);

            copy.ExitCode.ShouldBe(0, copy.Output);
            var report = Messages(copy.Output);
            report.ShouldContain("Copy verified");
            foreach (var table in new[] { "CheckIns", "AuditEntries", "People", "PeriodFigures", "DataProtectionKeys" })
            {
                var rows = await target.ScalarAsync<long>($"SELECT COUNT(*) FROM \"{table}\"");
                rows.ShouldBeGreaterThan(0, table);
                report.ShouldMatch($@"\b{table}\s+{rows} → \s*{rows}\b");
            }

            again.ExitCode.ShouldBe(2, again.Output);
            Messages(again.Output).ShouldContain("The target database is not empty");
            await using var copied = new VisionTrackerFactory { Settings = { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = target.ConnectionString } };
            await copied.InitializeAsync();
            Figures.Differences(figures, await Figures.ReadAsync(copied)).ShouldBeEmpty();
            await CheckInAsync(copied);
        }
        finally
        {
            File.Delete(sqlite);
        }
    }

    /// <summary>The messages of the command's JSON log lines.</summary>
    private static string Messages(string output) =>
        string.Join('\n', output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("Message").GetString()));

    /// <summary>A check-in through the API: on the source it adds a row and an audit entry; on the copy it proves ids and sequences carry on.</summary>
    private static async Task CheckInAsync(VisionTrackerFactory service)
    {
        var keyResult = await service.WithDbAsync(db => db.KeyResults
            .Where(k => k.Goal!.State == GoalState.Active && !k.Goal.IsArchived && k.Goal.Period!.State == PeriodState.Active && k.MetricKind == MetricKind.Number)
            .OrderBy(k => k.Id).Select(k => k.Id).FirstAsync());

        using var response = await service.Admin.PostAsJsonAsync($"/api/key-results/{keyResult}/check-ins", new { value = 1, confidence = 0.8, note = "Kopieret" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
