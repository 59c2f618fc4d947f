using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace VisionTracker.Infrastructure.Persistence;

/// <summary>What a database's error says about the request, for both providers, so no other layer reads error codes.</summary>
public static class DatabaseErrors
{
    /// <summary>A write a constraint refused: a duplicate, a missing reference or a failed check (SQLite 19; PostgreSQL 23505, 23503, 23514).</summary>
    public static bool IsConstraintViolation(Exception? e) =>
        e is SqliteException { SqliteErrorCode: 19 } or PostgresException { SqlState: "23505" or "23503" or "23514" };

    /// <summary>
    /// A failure another try of the same command can cure: PostgreSQL gave up on the transaction (a serialisation failure
    /// 40001 or a deadlock 40P01, which the lock order should prevent), a lock wait ran out (55P03), a row for a new area
    /// figure was inserted by another command first (a unique violation on PeriodFigures), or a goal tree moved while it
    /// was being locked.
    /// </summary>
    public static bool IsTransient(Exception? e) => e switch
    {
        null => false,
        GoalTreeMovedException => true,
        PostgresException { SqlState: "40001" or "40P01" or "55P03" } => true,
        PostgresException { SqlState: "23505", TableName: "PeriodFigures" } => true,
        _ => IsTransient(e.InnerException),
    };

    /// <summary>
    /// A query the database refused as written (the client's query is at fault): SQLite SQLITE_ERROR (1) or a type
    /// mismatch (20, 25); PostgreSQL data exceptions (22xxx) and syntax or access rule violations (42xxx).
    /// </summary>
    public static bool IsQueryError(DbException e) =>
        e is SqliteException { SqliteErrorCode: 1 or 20 or 25 }
        || (e is PostgresException pg && (pg.SqlState.StartsWith("22", StringComparison.Ordinal) || pg.SqlState.StartsWith("42", StringComparison.Ordinal)));
}
