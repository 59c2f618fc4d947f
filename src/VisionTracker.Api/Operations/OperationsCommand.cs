using VisionTracker.Infrastructure.Operations;
using VisionTracker.Infrastructure.Persistence;

namespace VisionTracker.Api.Operations;

/// <summary>
/// The operator's one-shot commands, run by the same binary and configuration as the service instead of serving:
/// <c>--migrate-only</c> (migrations, Hangfire's schema, seed and first admin, then exit: the deployment step before N
/// instances start), <c>--backup PATH</c> (an online copy of the SQLite database) and <c>--copy-to-postgres CONNSTR</c>
/// (moves a SQLite installation into an empty PostgreSQL database and verifies it).
/// </summary>
public sealed record OperationsCommand(string Name, string? Argument)
{
    private static readonly Dictionary<string, bool> Known = new(StringComparer.Ordinal)
    {
        ["--migrate-only"] = false,
        ["--backup"] = true,
        ["--copy-to-postgres"] = true,
    };

    /// <summary>Takes a command out of the arguments (the rest are configuration, as always), or null to serve.</summary>
    public static (OperationsCommand? Command, string[] ServiceArgs) Parse(string[] args)
    {
        var rest = new List<string>();
        OperationsCommand? command = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (!Known.TryGetValue(args[i], out var takesArgument))
            {
                rest.Add(args[i]);
                continue;
            }

            if (command is not null)
            {
                throw new ArgumentException($"Give one command at a time, not both {command.Name} and {args[i]}.");
            }

            string? argument = null;
            if (takesArgument)
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"{args[i]} needs a value: {Usage(args[i])}.");
                }

                argument = args[++i];
            }

            command = new OperationsCommand(args[i - (takesArgument ? 1 : 0)], argument);
        }

        return (command, [.. rest]);
    }

    public async Task<int> RunAsync(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("VisionTracker.Operations");
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        try
        {
            switch (Name)
            {
                case "--migrate-only":
                    await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(migrate: true, CancellationToken.None);
                    logger.LogInformation("Migration step done; the instances can start (with Database:MigrateOnStartup=false).");
                    return 0;
                case "--backup":
                    var backup = await services.GetRequiredService<SqliteBackup>().CreateAsync(Argument!, CancellationToken.None);
                    logger.LogInformation("Backup written to {BackupPath} ({BackupBytes} bytes).", backup.Path, backup.Bytes);
                    return 0;
                default:
                    var report = await services.GetRequiredService<PostgresCopy>().CopyAsync(Argument!, CancellationToken.None);
                    logger.LogInformation("{CopyReport}", report);
                    return report.Verified ? 0 : 1;
            }
        }
        catch (OperationsException e)
        {
            logger.LogError("{Command} failed: {Reason}", Name, e.Message);
            return 2;
        }
    }

    private static string Usage(string command) => command switch
    {
        "--backup" => "--backup /path/to/backup.db",
        _ => "--copy-to-postgres \"Host=…;Database=…;Username=…;Password=…\"",
    };
}
