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
    /// <param name="batchFigures">The work leaves its figure changes to the batch (<see cref="UpdatesFiguresPerBatch"/>).</param>
    Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, bool exclusive, bool batchFigures, CancellationToken cancellationToken);

    /// <summary>
    /// Whether this unit of work brings the figures of several commands up to date at once before they commit together
    /// (SQLite's write queue): a <see cref="IBatchFiguresCommand"/> then leaves its figure changes to it. Any other
    /// command in the batch finds the figures of the commands before it up to date, as when each updates its own.
    /// </summary>
    bool UpdatesFiguresPerBatch { get; }
}

/// <summary>
/// A command whose figures may be brought up to date together with the other commands committed with it, rather than
/// by itself: its answer holds no figures (they are read after the commit), and nothing after it in the same scope
/// reads a tracked entity's figures. Check-ins, the hot path at scale.
/// </summary>
public interface IBatchFiguresCommand;

/// <summary>
/// A command that rewrites figures across a whole period (the nightly recomputation, moving org units, closing a
/// period): it runs alone, with no other command writing beside it.
/// </summary>
public interface IExclusiveCommand;
