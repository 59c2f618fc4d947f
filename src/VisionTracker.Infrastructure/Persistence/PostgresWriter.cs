using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace VisionTracker.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL's check-ins, batched (<see cref="BatchWriter"/>): the area rows every check-in changes (the vision's, the
/// municipality's) are locked and written once per batch instead of once per check-in, so concurrent check-ins no
/// longer queue on them one commit at a time. Each batch takes the shared figures lock first, as every command does.
/// The first command of a batch waits for its goal trees as a command of its own would; a later one takes them only
/// if they are free (<see cref="GoalTreeLocks.OnlyIfFree"/>) and otherwise runs first in the next batch, so a batch
/// never waits for a lock while it holds others taken after it began, and two instances' batches cannot deadlock.
/// Other commands keep their own transaction (<see cref="PostgresUnitOfWork"/>).
/// </summary>
public sealed class PostgresWriter(string connectionString, ILogger<PostgresWriter> logger, BatchFigures figures)
    : BatchWriter(logger, figures)
{
    protected override async Task<DbConnection> OpenAsync()
    {
        var opened = new NpgsqlConnection(connectionString);
        await opened.OpenAsync();
        return opened;
    }

    protected override async Task<DbTransaction> BeginAsync(DbConnection connection)
    {
        var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = GoalTreeLocks.SharedFiguresLock;
        await command.ExecuteNonQueryAsync();
        return transaction;
    }

    protected override bool IsTransient(Exception e) => DatabaseErrors.IsTransient(e);

    protected override bool Defers(Exception e) => e is GoalTreeBusyException || DatabaseErrors.IsTransient(e);
}
