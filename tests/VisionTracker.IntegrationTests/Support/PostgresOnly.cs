using Npgsql;

namespace VisionTracker.IntegrationTests.Support;

/// <summary>
/// A test that needs a PostgreSQL server: it runs in the PostgreSQL lane (VT_TEST_POSTGRES set). scripts/test.sh leaves
/// these out of the SQLite lane by their trait (<c>Lane=Postgres</c>); run alone without a server they show as skipped.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresTestDatabase.Server is null)
        {
            Skip = "Needs a PostgreSQL server: set VT_TEST_POSTGRES (scripts/test.sh does).";
        }
    }
}

/// <summary>A database of its own on the lane's PostgreSQL server, dropped at the end; it does not exist until something creates it.</summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public static readonly string? Server = Environment.GetEnvironmentVariable("VT_TEST_POSTGRES");

    public string Name { get; } = $"visiontracker_test_{Guid.NewGuid():N}";

    public string ConnectionString => new NpgsqlConnectionStringBuilder(Server ?? throw new InvalidOperationException("VT_TEST_POSTGRES is not set.")) { Database = Name }.ConnectionString;

    public async Task CreateAsync() => await OnServerAsync($"CREATE DATABASE \"{Name}\"");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await OnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task OnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
