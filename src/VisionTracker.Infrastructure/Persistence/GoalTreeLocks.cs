using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using VisionTracker.Application.Common;

namespace VisionTracker.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL's side of the lock order that cannot deadlock (ADR 0006). Every command takes, first, the shared
/// "figures" lock (an exclusive command such as the nightly recomputation takes it alone), then the locks of the goal
/// trees it will change, all in one statement, in the order of their keys, before it changes anything; the area figures
/// it then changes by differences it takes last, in one order too. Locks are transaction-scoped advisory locks: nothing
/// is written to take them, and they end with the transaction.
/// </summary>
internal static class GoalTreeLocks
{
    /// <summary>The advisory lock space of VisionTracker's figures (the first of the two 32-bit keys).</summary>
    private const int FiguresLock = 20_061;
    private const int TreeLocks = 20_062;

    /// <summary>The roots of the goal trees of the given goals, key results and actions, as lock keys.</summary>
    private const string Roots = """
        WITH RECURSIVE start AS (
            SELECT "Id" FROM "Goals" WHERE "Id" = ANY(@goals)
            UNION SELECT "GoalId" FROM "KeyResults" WHERE "Id" = ANY(@keyResults)
            UNION SELECT "GoalId" FROM "Actions" WHERE "Id" = ANY(@actions)),
        up AS (
            SELECT g."Id", g."ParentGoalId" FROM "Goals" g JOIN start s ON s."Id" = g."Id"
            UNION SELECT p."Id", p."ParentGoalId" FROM "Goals" p JOIN up ON p."Id" = up."ParentGoalId")
        SELECT DISTINCT hashtext("Id"::text) AS key FROM up WHERE "ParentGoalId" IS NULL
        """;

    /// <summary>
    /// Set for a command that runs after others in a batch (<see cref="PostgresWriter"/>): it takes its goal trees' locks
    /// only if they are free, and otherwise gives up (<see cref="GoalTreeBusyException"/>) to run first in the next batch.
    /// </summary>
    internal static readonly AsyncLocal<bool> OnlyIfFree = new();

    public static string SharedFiguresLock => $"SELECT pg_advisory_xact_lock_shared({FiguresLock}, 0)";

    public static string ExclusiveFiguresLock => $"SELECT pg_advisory_xact_lock({FiguresLock}, 0)";

    public static async Task LockAsync(DbContext db, GoalTrees trees, CancellationToken ct)
    {
        if ((trees.Goals?.Count ?? 0) + (trees.KeyResults?.Count ?? 0) + (trees.Actions?.Count ?? 0) == 0)
        {
            return;
        }

        // OFFSET 0 keeps the sorted subquery apart, so the locks are taken in key order.
        // Each row says whether its lock was taken (a waiting lock always is; its function returns void).
        var take = OnlyIfFree.Value ? $"pg_try_advisory_xact_lock({TreeLocks}, key)" : $"pg_advisory_xact_lock({TreeLocks}, key) IS NOT NULL";
        var locked = await KeysAsync(db, $"SELECT {take}, key FROM (SELECT key FROM ({Roots}) r ORDER BY key OFFSET 0) s", trees, ct);

        // A goal moved under another tree between finding the roots and locking them: the locks held are not the
        // right ones, and taking more now could deadlock. Give up this try; the unit of work tries again.
        var now = await KeysAsync(db, $"SELECT true, key FROM ({Roots}) r", trees, ct);
        if (!now.IsSubsetOf(locked))
        {
            throw new GoalTreeMovedException();
        }
    }

    private static async Task<HashSet<int>> KeysAsync(DbContext db, string sql, GoalTrees trees, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        command.Parameters.Add(new NpgsqlParameter("goals", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = (trees.Goals ?? []).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("keyResults", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = (trees.KeyResults ?? []).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("actions", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = (trees.Actions ?? []).ToArray() });
        var keys = new HashSet<int>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (!reader.GetBoolean(0))
                {
                    throw new GoalTreeBusyException();
                }

                keys.Add(reader.GetInt32(1));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return keys;
    }
}

/// <summary>A goal tree changed its root while its lock was being taken; the command is tried again.</summary>
public sealed class GoalTreeMovedException() : Exception("A goal moved to another goal tree while the command was locking it.");

/// <summary>A command after others in a batch found a goal tree's lock taken; it runs first in the next batch.</summary>
public sealed class GoalTreeBusyException() : Exception("A goal tree's lock was taken while the command ran after others in its batch.");
