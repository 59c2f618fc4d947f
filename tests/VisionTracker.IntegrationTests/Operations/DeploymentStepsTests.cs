using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Operations;

/// <summary>
/// The operator's deployment steps run as docs/operations.md tells them, each as its own process of the built service:
/// an instance that must not migrate refuses a database without the migrations, <c>--migrate-only</c> prepares it, the
/// instance then serves, and <c>--backup</c> copies the live database into a file another instance can run on.
/// </summary>
[Collection(ServiceProcessCollection.Name)]
[Trait("Lane", "Sqlite")]
public sealed class DeploymentStepsTests
{
    private const string AdminToken = "vt_deployment_steps_admin_token_0123456789";

    [SqliteFact]
    public async Task MigrateOnly_ThenServeWithoutMigrating_ThenBackup_GivesAServingInstanceAndARestorableCopy()
    {
        var folder = Directory.CreateTempSubdirectory("visiontracker-deploy-").FullName;
        try
        {
            var liveDb = Path.Combine(folder, "live.db");
            var live = Settings(liveDb);

            var refused = await ServiceProcess.RunAsync(live);
            refused.ExitCode.ShouldNotBe(0, "an instance with Database:MigrateOnStartup=false started on an empty database");
            refused.Output.ShouldContain("--migrate-only");

            var migrated = await ServiceProcess.RunAsync(live, "--migrate-only");
            migrated.ExitCode.ShouldBe(0, migrated.Output);
            Messages(migrated.Output).ShouldContain(m => m.StartsWith("Applying ", StringComparison.Ordinal));
            Messages(migrated.Output).ShouldContain("Seeded the demo data (Fortællingen om Aarhus).");
            Messages(migrated.Output).ShouldContain(m => m.StartsWith("Migration step done", StringComparison.Ordinal));

            var root = Guid.Parse((string)Scalar(liveDb, "SELECT \"Id\" FROM \"OrgUnits\" WHERE \"ParentId\" IS NULL"));
            JsonNode? figures;
            await using (var service = await ServiceProcess.StartAsync("live", live))
            {
                using var admin = service.Client(AdminToken);
                var keyResult = Scalar(liveDb, """
                    SELECT k."Id" FROM "KeyResults" k JOIN "Goals" g ON g."Id" = k."GoalId" JOIN "Periods" p ON p."Id" = g."PeriodId"
                    WHERE p."State" = 'Active' AND g."State" = 'Active' AND NOT g."IsArchived" AND k."MetricKind" = 'Number'
                    ORDER BY k."Id" LIMIT 1
                    """);
                using var checkIn = await admin.PostAsJsonAsync($"/api/key-results/{keyResult}/check-ins", new { value = 3, confidence = 0.6, note = "Før backup" });
                checkIn.StatusCode.ShouldBe(HttpStatusCode.Created, await checkIn.Content.ReadAsStringAsync());
                figures = await OverviewAsync(admin, root);

                // The body limit answers 413 under Kestrel as under the test server (ErrorAnswerTests), in the caller's language: the admin's is English.
                using var tooLarge = await admin.PostAsync($"/api/key-results/{keyResult}/check-ins", new StringContent($"{{\"note\":\"{new string('x', 1_100_000)}\"}}", Encoding.UTF8, "application/json"));
                var problem = JsonNode.Parse(await tooLarge.Content.ReadAsStringAsync())!;
                tooLarge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, problem.ToJsonString());
                problem["code"]!.GetValue<string>().ShouldBe("BodyTooLarge");
                problem["detail"]!.GetValue<string>().ShouldBe("The request body is larger than the service accepts.");
                tooLarge.Content.Headers.ContentLanguage.ShouldBe(["en"]);

                var backupPath = Path.Combine(folder, "backup.db");
                var backup = await ServiceProcess.RunAsync(live, "--backup", backupPath);
                backup.ExitCode.ShouldBe(0, backup.Output);
                Messages(backup.Output).ShouldContain(m => m.StartsWith($"Backup written to {backupPath}", StringComparison.Ordinal));
                CheckInsIn(backupPath).ShouldBe(CheckInsIn(liveDb));
            }

            await using var restored = await ServiceProcess.StartAsync("restored", Settings(Path.Combine(folder, "backup.db")));
            using var restoredAdmin = restored.Client(AdminToken);
            Figures.Differences(figures, await OverviewAsync(restoredAdmin, root)).ShouldBeEmpty();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, string> Settings(string database) => new()
    {
        ["Database__Provider"] = "Sqlite",
        ["Database__ConnectionString"] = $"Data Source={database}",
        ["Database__MigrateOnStartup"] = "false",
        ["Seed__DemoData"] = "true",
        ["Auth__BootstrapAdminToken"] = AdminToken,
        ["Jobs__Storage"] = "InMemory",
        ["Jobs__Server__Enabled"] = "false",
    };

    /// <summary>The whole organisation's overview in every period, as an admin reads it, without what the clock moves.</summary>
    private static async Task<JsonObject> OverviewAsync(HttpClient admin, Guid root)
    {
        var figures = new JsonObject();
        foreach (var period in (await admin.GetFromJsonAsync<JsonArray>("/api/periods"))!)
        {
            var id = period!["id"]!.GetValue<Guid>();
            figures[id.ToString()] = WithoutClock(await admin.GetFromJsonAsync<JsonNode>($"/api/org-units/{root}/overview?periodId={id}"));
        }

        return figures;
    }

    /// <summary>Expected progress moves with the processes' real clocks, minutes apart; the stored figures must not.</summary>
    private static JsonNode? WithoutClock(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                o.Remove("expectedProgress");
                foreach (var (_, value) in o)
                {
                    WithoutClock(value);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    WithoutClock(item);
                }

                break;
        }

        return node;
    }

    private static long CheckInsIn(string database) => (long)Scalar(database, "SELECT COUNT(*) FROM \"CheckIns\"");

    private static object Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() ?? throw new InvalidOperationException($"No answer to {sql}");
    }

    /// <summary>The messages of the command's JSON log lines.</summary>
    private static List<string> Messages(string output) =>
        [.. output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("Message").GetString()!)];
}
