using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using VisionTracker.Infrastructure.Persistence;

namespace VisionTracker.Bench.Data;

/// <summary>
/// A fresh database of the service's schema (the real migrations), and what hand-written SQL needs to differ between
/// SQLite and PostgreSQL: how ids are passed and read, and a few date functions. Everything else is plain SQL both run.
/// </summary>
public abstract class BenchDatabase(string name)
{
    public string Name { get; } = name;

    public abstract string Provider { get; }

    /// <summary>Rows per prepared INSERT when bulk loading (see <see cref="BulkWriter"/>).</summary>
    public abstract int RowsPerInsert { get; }

    /// <summary>The settings the service process gets (as environment variables) to use this database.</summary>
    public abstract IReadOnlyDictionary<string, string> ServiceSettings { get; }

    public static BenchDatabase Create(BenchOptions options)
    {
        var name = $"vt_bench_{DateTime.UtcNow:yyyyMMddHHmmss}_{Environment.ProcessId}";
        return options.IsPostgres
            ? new PostgresBenchDatabase(options.PostgresServer!, name)
            : new SqliteBenchDatabase(Path.Combine(Path.GetFullPath(options.WorkFolder), name + ".db"), name);
    }

    public abstract Task CreateAsync(CancellationToken ct);

    public abstract Task DropAsync();

    public abstract Task<long> SizeAsync(CancellationToken ct);

    public abstract DbConnection NewConnection();

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = NewConnection();
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>A context over the database with the service's model: for the migrations and the table mapping only.</summary>
    public abstract VisionTrackerDbContext CreateContext();

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync(ct);
    }

    /// <summary>A <see cref="Guid"/> as a parameter value stored ids compare equal to.</summary>
    public abstract object Id(Guid id);

    /// <summary>A UTC time as a parameter value stored timestamps compare with.</summary>
    public abstract object Time(DateTime utc);

    /// <summary>SQL for the year and month (numbers) of a timestamp column.</summary>
    public abstract string Year(string column);

    public abstract string Month(string column);

    public static Guid ReadId(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        Guid g => g,
        string s => Guid.Parse(s),
        var other => throw new InvalidOperationException($"Not an id: {other}"),
    };

    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        foreach (var (parameterName, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = parameterName;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }

        return command;
    }
}

public sealed class SqliteBenchDatabase(string file, string name) : BenchDatabase(name)
{
    private static readonly string[] Suffixes = ["", "-wal", "-shm"];
    private static readonly string[] DataSuffixes = ["", "-wal"];

    public string File { get; } = file;

    public override string Provider => "sqlite";

    // Microsoft.Data.Sqlite binds parameters by name, a search through all of a statement's names: one row a statement is fastest.
    public override int RowsPerInsert => 1;

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = File, Pooling = true, DefaultTimeout = 60 }.ToString();

    public override IReadOnlyDictionary<string, string> ServiceSettings => new Dictionary<string, string>
    {
        ["Database__Provider"] = "Sqlite",
        ["Database__ConnectionString"] = $"Data Source={File}",
    };

    public override async Task CreateAsync(CancellationToken ct)
    {
        await DropAsync();
        await MigrateAsync(ct);
        await using var connection = await OpenAsync(ct);
        await using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode = WAL;";
        await wal.ExecuteNonQueryAsync(ct);
    }

    public override Task DropAsync()
    {
        SqliteConnection.ClearAllPools();

        // The service keeps Hangfire's state in a file of its own beside the database: name.db → name.hangfire.db.
        foreach (var suffix in Suffixes)
        {
            System.IO.File.Delete(File + suffix);
            System.IO.File.Delete(Path.ChangeExtension(File, ".hangfire.db") + suffix);
        }

        return Task.CompletedTask;
    }

    public override Task<long> SizeAsync(CancellationToken ct) =>
        Task.FromResult(DataSuffixes.Select(s => new FileInfo(File + s)).Where(f => f.Exists).Sum(f => f.Length));

    /// <summary>As the service opens it: waits for a busy writer, enforces foreign keys.</summary>
    public override DbConnection NewConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.StateChange += (_, e) =>
        {
            if (e.CurrentState == System.Data.ConnectionState.Open)
            {
                using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA busy_timeout = 60000; PRAGMA foreign_keys = ON;";
                pragma.ExecuteNonQuery();
            }
        };
        return connection;
    }

    public override VisionTrackerDbContext CreateContext() =>
        new SqliteVisionTrackerDbContext(new DbContextOptionsBuilder<SqliteVisionTrackerDbContext>().UseSqlite(ConnectionString).Options);

    // EF Core keeps ids on SQLite as upper-case text and timestamps as ISO text; Microsoft.Data.Sqlite writes both the same way.
    public override object Id(Guid id) => id.ToString().ToUpperInvariant();

    public override object Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);

    public override string Year(string column) => $"CAST(strftime('%Y', {column}) AS INTEGER)";

    public override string Month(string column) => $"CAST(strftime('%m', {column}) AS INTEGER)";
}

public sealed class PostgresBenchDatabase(string server, string name) : BenchDatabase(name)
{
    public override string Provider => "postgres";

    // Fewer round trips: a few hundred rows a statement.
    public override int RowsPerInsert => 250;

    private string ConnectionString => new NpgsqlConnectionStringBuilder(server) { Database = Name, MaxPoolSize = 300, CommandTimeout = 600 }.ConnectionString;

    public override IReadOnlyDictionary<string, string> ServiceSettings => new Dictionary<string, string>
    {
        ["Database__Provider"] = "Postgres",
        ["Database__ConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = Name }.ConnectionString,
    };

    public override async Task CreateAsync(CancellationToken ct)
    {
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }

        await MigrateAsync(ct);
    }

    public override async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public override async Task<long> SizeAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", (NpgsqlConnection)connection);
        return (long)(await size.ExecuteScalarAsync(ct))!;
    }

    public override DbConnection NewConnection() => new NpgsqlConnection(ConnectionString);

    public override VisionTrackerDbContext CreateContext() =>
        new PostgresVisionTrackerDbContext(new DbContextOptionsBuilder<PostgresVisionTrackerDbContext>().UseNpgsql(ConnectionString).Options);

    public override object Id(Guid id) => id;

    public override object Time(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc);

    public override string Year(string column) => $"CAST(EXTRACT(YEAR FROM {column}) AS INTEGER)";

    public override string Month(string column) => $"CAST(EXTRACT(MONTH FROM {column}) AS INTEGER)";
}
