using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using VisionTracker.Application.Common;

namespace VisionTracker.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Holds a request's reads to its <see cref="ReadLimits"/>: every row read is counted, and when the deadline passes
/// the statement is cancelled in the database — PostgreSQL through the cancellation token Npgsql sends to the server,
/// SQLite by interrupting the connection (Microsoft.Data.Sqlite does not cancel a running statement itself).
/// Requests without limits (every write) read through unchanged.
/// </summary>
public sealed class ReadLimitInterceptor(ReadLimits limits) : DbCommandInterceptor
{
    private readonly Dictionary<DbCommand, CancellationTokenRegistration> interrupts = [];

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Interrupt(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interrupt(command);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) => Limit(command, result);

    public override ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Limit(command, result));

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Release(command);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(command);
        return Task.CompletedTask;
    }

    /// <summary>From the moment a SQLite statement starts until its reader closes, the deadline interrupts it.</summary>
    private void Interrupt(DbCommand command)
    {
        if (limits.Deadline.CanBeCanceled && command.Connection is SqliteConnection sqlite)
        {
            var registration = limits.Deadline.UnsafeRegister(static s => SQLitePCL.raw.sqlite3_interrupt(((SqliteConnection)s!).Handle), sqlite);
            lock (interrupts)
            {
                interrupts[command] = registration;
            }
        }
    }

    private DbDataReader Limit(DbCommand command, DbDataReader reader) =>
        limits.Enforced ? new LimitedDataReader(reader, limits, () => Release(command)) : reader;

    private void Release(DbCommand command)
    {
        CancellationTokenRegistration registration;
        lock (interrupts)
        {
            if (!interrupts.Remove(command, out registration))
            {
                return;
            }
        }

        registration.Dispose();
    }
}
