namespace VisionTracker.Application.Common;

/// <summary>
/// Runs a command's work in one transaction on the database's terms (Infrastructure has one per provider): on SQLite
/// one writer at a time through a first-come, first-served queue that commits several commands together; on PostgreSQL
/// each command in its own transaction beside the others, tried again when the database gives up on it for a reason that
/// another try can cure (a deadlock or serialisation failure). The work may run more than once, so it must start from the
/// database each time. It commits when the work returns and keeps nothing of it when it throws.
/// </summary>
public interface IUnitOfWork
{
    Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, bool exclusive, CancellationToken cancellationToken);
}

/// <summary>
/// A command that rewrites figures across a whole period (the nightly recomputation, moving org units, closing a
/// period): it runs alone, with no other command writing beside it.
/// </summary>
public interface IExclusiveCommand;
