using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace VisionTracker.IntegrationTests.Support;

/// <summary>
/// Databases that a test host's start-up made once per run (migrated, and seeded with the demo when asked), copied for
/// every further host with the same start-up: migrating and seeding anew for each of the lane's ~100 hosts was minutes
/// of CPU (on PostgreSQL a demo seed alone took up to a minute under load). A copy holds exactly what that host's own
/// start-up would have written; its start-up then runs once more on it and finds nothing to do, as on a restart.
/// PostgreSQL copies with <c>CREATE DATABASE … TEMPLATE</c>, SQLite copies the checkpointed file. The templates live as
/// long as the test process (dropped or deleted when it exits; the lane's server is thrown away anyway).
/// </summary>
internal static class DatabaseTemplates
{
    /// <summary>Settings that do not change what start-up writes: hosts that differ only in these share a template.</summary>
    public static readonly string[] IgnoredSettings = ["Logging:", "OData:", "RateLimits:", "Limits:", "App:PublicBaseUrl"];

    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Made = new();

    private static readonly ConcurrentBag<string> ToRemove = [];

    static DatabaseTemplates() => AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveAll();

    /// <summary>The template for <paramref name="key"/>: a PostgreSQL database's name, or a SQLite file's path, made by <paramref name="make"/> the first time.</summary>
    public static Task<string> GetAsync(string key, string? postgresServer, Func<string, Task<string>> make) =>
        Made.GetOrAdd(key, _ => new Lazy<Task<string>>(() => MakeAsync(postgresServer, make))).Value;

    public static async Task CopyAsync(string template, string? postgresServer, string databaseName, string databasePath)
    {
        if (postgresServer is null)
        {
            File.Copy(template, databasePath);
            return;
        }

        await using var connection = new NpgsqlConnection(postgresServer);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName}\" TEMPLATE \"{template}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>Whose a template is: the test process's id, so that a later run can tell a template nobody uses any more.</summary>
    private static readonly string Prefix = $"visiontracker_template_p{Environment.ProcessId}_";

    private static async Task<string> MakeAsync(string? postgresServer, Func<string, Task<string>> make)
    {
        var name = $"{Prefix}{Guid.NewGuid():N}";
        if (postgresServer is not null)
        {
            await DropAbandonedAsync(postgresServer);
        }

        var path = await make(name);
        if (postgresServer is null)
        {
            ToRemove.Add(path);

            // The host's connections are closed; what is still in the write-ahead log goes into the file that is copied.
            var connectionString = $"Data Source={path}";
            SqliteConnection.ClearPool(new SqliteConnection(connectionString));
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
            await connection.CloseAsync();
            SqliteConnection.ClearPool(connection);
            return path;
        }

        ToRemove.Add(name);

        // CREATE DATABASE … TEMPLATE refuses a template anyone is connected to: the host's pooled connections go.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgresServer) { Database = name }.ConnectionString));
        await using var server = new NpgsqlConnection(postgresServer);
        await server.OpenAsync();
        await using var terminate = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @name", server);
        terminate.Parameters.AddWithValue("name", name);
        await terminate.ExecuteScalarAsync();
        return name;
    }

    /// <summary>Templates of test processes that ended without dropping them (a killed run): their process is gone.</summary>
    private static async Task DropAbandonedAsync(string postgresServer)
    {
        await using var connection = new NpgsqlConnection(postgresServer);
        await connection.OpenAsync();
        var abandoned = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'visiontracker\\_template\\_p%'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var name = reader.GetString(0);
                var owner = name["visiontracker_template_p".Length..].Split('_')[0];
                if (int.TryParse(owner, System.Globalization.CultureInfo.InvariantCulture, out var pid) && !Directory.Exists($"/proc/{pid}") && OperatingSystem.IsLinux())
                {
                    abandoned.Add(name);
                }
            }
        }

        foreach (var name in abandoned)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static void RemoveAll()
    {
        var server = Environment.GetEnvironmentVariable("VT_TEST_POSTGRES");
        foreach (var template in ToRemove)
        {
            try
            {
                if (server is null)
                {
                    foreach (var suffix in new[] { "", "-wal", "-shm", ".startup-lock" })
                    {
                        File.Delete(template + suffix);
                    }

                    continue;
                }

                using var connection = new NpgsqlConnection(server);
                connection.Open();
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{template}\" WITH (FORCE)", connection);
                drop.ExecuteNonQuery();
            }
            catch (Exception e) when (e is IOException or NpgsqlException)
            {
                // Best effort at exit: a template left behind is a few megabytes in a throw-away place.
            }
        }
    }
}
