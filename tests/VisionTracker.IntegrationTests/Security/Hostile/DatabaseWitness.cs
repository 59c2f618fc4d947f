using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace VisionTracker.IntegrationTests.Security.Hostile;

/// <summary>
/// Watches the service's database from a connection of its own: a checksum of every row of every table, computed by
/// SQL, and a change counter kept by triggers on every table (one cheap read tells whether a request wrote anything,
/// so a rejected request that changed something is named, not just noticed).
/// </summary>
public sealed class DatabaseWitness : IAsyncDisposable
{
    private const string Counter = "hostile_witness_changes";

    /// <summary>
    /// Bookkeeping any accepted sign-in may write, whatever the request then does (a token's last-used time, written at
    /// most once a minute): not a change made by the request, so neither counted nor hashed.
    /// </summary>
    private static readonly HashSet<(string Table, string Column)> Bookkeeping = [("ApiTokens", "LastUsedAt")];

    private readonly DbConnection connection;
    private readonly bool postgres;
    private readonly Dictionary<string, List<string>> columns = [];
    private IReadOnlyList<string> tables = [];

    private DatabaseWitness(DbConnection connection, bool postgres)
    {
        this.connection = connection;
        this.postgres = postgres;
    }

    public static async Task<DatabaseWitness> OpenAsync(string connectionString, bool postgres)
    {
        DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        if (connection is SqliteConnection sqlite)
        {
            // SQLite has no hash function of its own: the one the checksum query calls.
            sqlite.CreateFunction("witness_sha256", (string? text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text ?? ""))));
        }

        var witness = new DatabaseWitness(connection, postgres);
        await witness.InstallCounterAsync();
        return witness;
    }

    /// <summary>How many row changes the triggers have counted so far.</summary>
    public async Task<long> ChangesAsync() => Convert.ToInt64(await ScalarAsync($"SELECT count(*) FROM {Counter}"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The tables changed since the counter read <paramref name="since"/>, for the failure message.</summary>
    public async Task<string> ChangedSinceAsync(long since) =>
        string.Join(", ", await ListAsync($"SELECT t FROM {Counter} ORDER BY id LIMIT 1000 OFFSET {since}"));

    /// <summary>A hash over every row of every table (the counter's own table aside), computed by the database.</summary>
    public async Task<string> ChecksumAsync()
    {
        var parts = tables.Select(t => postgres
            ? $"SELECT '{t}:' || count(*) || ':' || coalesce(md5(string_agg(md5({PostgresRow(t)}), '' ORDER BY md5({PostgresRow(t)}))), '') AS s FROM \"{t}\" x"
            : $"SELECT '{t}:' || count(*) || ':' || coalesce(witness_sha256(group_concat(r, char(10))), '') AS s FROM (SELECT {SqliteRow(t)} AS r FROM \"{t}\" ORDER BY 1)");
        var sql = postgres
            ? $"SELECT md5(string_agg(s, '|' ORDER BY s)) FROM ({string.Join(" UNION ALL ", parts)}) all_tables"
            : $"SELECT witness_sha256(group_concat(s, '|')) FROM (SELECT s FROM ({string.Join(" UNION ALL ", parts)}) ORDER BY s)";
        return (string)(await ScalarAsync(sql))!;
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();

    private string SqliteRow(string table) => string.Join(" || ',' || ", Watched(table).Select(c => $"quote(\"{c}\")"));

    private string PostgresRow(string table) => $"ROW({string.Join(", ", Watched(table).Select(c => $"x.\"{c}\""))})::text";

    private IEnumerable<string> Watched(string table) => columns[table].Where(c => !Bookkeeping.Contains((table, c)));

    /// <summary>What an UPDATE trigger watches: every column, or all but the bookkeeping ones.</summary>
    private string UpdateOf(string table) =>
        columns[table].Any(c => Bookkeeping.Contains((table, c))) ? $"UPDATE OF {string.Join(", ", Watched(table).Select(c => $"\"{c}\""))}" : "UPDATE";

    private async Task InstallCounterAsync()
    {
        tables = await ListAsync(postgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1");
        tables.ShouldNotBeEmpty();
        await ExecuteAsync(postgres
            ? $"CREATE TABLE {Counter} (id bigserial PRIMARY KEY, t text NOT NULL)"
            : $"CREATE TABLE {Counter} (id INTEGER PRIMARY KEY AUTOINCREMENT, t text NOT NULL)");
        if (postgres)
        {
            await ExecuteAsync($"CREATE FUNCTION {Counter}_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO {Counter} (t) VALUES (TG_TABLE_NAME || ' ' || TG_OP); RETURN NULL; END $$");
        }

        foreach (var table in tables)
        {
            columns[table] = [.. await ListAsync(postgres
                ? $"SELECT column_name::text FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}' ORDER BY ordinal_position"
                : $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid")];
            if (postgres)
            {
                await ExecuteAsync($"CREATE TRIGGER {Counter}_t AFTER INSERT OR {UpdateOf(table)} OR DELETE OR TRUNCATE ON \"{table}\" FOR EACH STATEMENT EXECUTE FUNCTION {Counter}_bump()");
                continue;
            }

            foreach (var change in new[] { "INSERT", UpdateOf(table), "DELETE" })
            {
                await ExecuteAsync($"CREATE TRIGGER \"{Counter}_{table}_{change.Split(' ')[0]}\" AFTER {change} ON \"{table}\" BEGIN INSERT INTO {Counter} (t) VALUES ('{table} {change.Split(' ')[0]}'); END");
            }
        }
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> ListAsync(string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}
