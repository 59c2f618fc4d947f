using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VisionTracker.Infrastructure.Persistence;

namespace VisionTracker.Infrastructure.Operations;

/// <summary>The <c>Backup</c> section: where the scheduled SQLite backups go and how many are kept.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>Empty: a <c>backups</c> folder beside the database file.</summary>
    public string? Directory { get; set; }

    /// <summary>The newest this many scheduled backups are kept; older ones are deleted after each new one.</summary>
    public int Keep { get; set; } = 14;
}

public sealed record BackupFile(string Path, long Bytes);

/// <summary>
/// Online backups of the SQLite database with SQLite's backup API: a consistent copy taken while the service keeps
/// reading and writing (WAL), checked (<c>PRAGMA quick_check</c>) and switched to a plain rollback journal so the copy is
/// one self-contained file, written under a temporary name and renamed only when complete.
/// </summary>
public sealed class SqliteBackup(IOptions<DatabaseOptions> database, IOptions<BackupOptions> options, TimeProvider clock, ILogger<SqliteBackup> logger)
{
    /// <summary>The scheduled backup: a file named by the UTC time in <c>Backup:Directory</c>, then retention.</summary>
    public async Task<BackupFile> CreateScheduledAsync(CancellationToken ct)
    {
        var source = SourceFile();
        var folder = Folder(source);
        var prefix = Path.GetFileNameWithoutExtension(source) + "-";
        var name = $"{prefix}{clock.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.db";
        var backup = await CreateAsync(Path.Combine(folder, name), ct);

        // The UTC stamp in each name sorts them oldest first.
        var keep = Math.Max(1, options.Value.Keep);
        foreach (var old in System.IO.Directory.GetFiles(folder, prefix + "*.db").Order(StringComparer.Ordinal).SkipLast(keep))
        {
            File.Delete(old);
            logger.LogInformation("Deleted the backup {BackupPath}: Backup:Keep is {Keep}.", old, keep);
        }

        return backup;
    }

    public async Task<BackupFile> CreateAsync(string path, CancellationToken ct)
    {
        var source = SourceFile();
        var target = Path.GetFullPath(path);
        if (File.Exists(target))
        {
            throw new OperationsException($"{target} exists already; choose a new file name.");
        }

        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            await Task.Run(() => Copy(source, partial), ct);
            File.Move(partial, target);
        }
        finally
        {
            File.Delete(partial);
        }

        var backup = new BackupFile(target, new FileInfo(target).Length);
        logger.LogInformation("Backed up {Database} to {BackupPath} ({BackupBytes} bytes).", source, backup.Path, backup.Bytes);
        return backup;
    }

    private static void Copy(string source, string target)
    {
        using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Pooling = false }.ToString());
        using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        from.Open();
        to.Open();
        from.BackupDatabase(to);
        using var command = to.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = DELETE;";
        command.ExecuteNonQuery();
        command.CommandText = "PRAGMA quick_check;";
        var check = command.ExecuteScalar() as string;
        if (check != "ok")
        {
            throw new InvalidOperationException($"The backup of {source} failed its integrity check: {check}");
        }
    }

    private string SourceFile()
    {
        if (database.Value.IsPostgres)
        {
            throw new OperationsException("The database is PostgreSQL: back it up with pg_dump (docs/operations.md, 'Backups and restore').");
        }

        var file = new SqliteConnectionStringBuilder(database.Value.ConnectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || !File.Exists(file))
        {
            throw new OperationsException($"There is no SQLite database file to back up at '{file}' (Database:ConnectionString).");
        }

        return Path.GetFullPath(file);
    }

    private string Folder(string source) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(options.Value.Directory)
            ? Path.Combine(Path.GetDirectoryName(source)!, "backups")
            : options.Value.Directory);
}
