using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Infrastructure.Operations;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Operations;

/// <summary>Online SQLite backups (the command's and the nightly job's code), restored by starting the service on one.</summary>
[Trait("Lane", "Sqlite")]
public sealed class BackupTests
{
    [SqliteFact]
    public async Task Backup_OfTheLiveDatabase_RestoresToTheSameFiguresAndScheduledOnesKeepTheNewest()
    {
        var folder = Directory.CreateTempSubdirectory("visiontracker-backups-").FullName;
        try
        {
            await using var live = new VisionTrackerFactory { SeedDemoData = true, Settings = { ["Backup:Directory"] = folder, ["Backup:Keep"] = "2" } };
            await live.InitializeAsync();
            var figures = await Figures.ReadAsync(live);
            var restored = Path.Combine(folder, "restored.db");

            await BackupAsync(live, b => b.CreateAsync(restored, CancellationToken.None));
            var scheduled = new List<string>();
            for (var night = 0; night < 3; night++)
            {
                scheduled.Add((await BackupAsync(live, b => b.CreateScheduledAsync(CancellationToken.None))).Path);
                live.Clock.Advance(TimeSpan.FromDays(1));
            }

            await using var restoredService = new VisionTrackerFactory { Settings = { ["Database:ConnectionString"] = $"Data Source={restored}" } };
            await restoredService.InitializeAsync();
            Figures.Differences(figures, await Figures.ReadAsync(restoredService)).ShouldBeEmpty();
            Directory.GetFiles(folder, "visiontracker_test_*.db").Order().ShouldBe(scheduled.Skip(1));
            await Should.ThrowAsync<OperationsException>(() => BackupAsync(live, b => b.CreateAsync(restored, CancellationToken.None)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<BackupFile> BackupAsync(VisionTrackerFactory service, Func<SqliteBackup, Task<BackupFile>> backup)
    {
        await using var scope = service.Services.CreateAsyncScope();
        return await backup(scope.ServiceProvider.GetRequiredService<SqliteBackup>());
    }
}
