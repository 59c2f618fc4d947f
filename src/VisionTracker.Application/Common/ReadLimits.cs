namespace VisionTracker.Application.Common;

/// <summary>
/// The limits one request's reads run under, enforced where rows leave the database (a command interceptor): a deadline
/// that cancels the running statement in the database, and at most so many rows read in all. Unset, a read is unlimited.
/// </summary>
public sealed class ReadLimits
{
    private int rows;

    /// <summary>Cancelled when the request has read for too long; the database statement running then is cancelled with it.</summary>
    public CancellationToken Deadline { get; set; }

    /// <summary>The most rows the request may read from the database, counting every row of every query.</summary>
    public int? MaxRows { get; set; }

    public bool Enforced => Deadline.CanBeCanceled || MaxRows is not null;

    /// <summary>Counts one row read; past <see cref="MaxRows"/> the read stops with <see cref="ReadLimitExceededException"/>.</summary>
    public void CountRow()
    {
        if (MaxRows is { } max && Interlocked.Increment(ref rows) > max)
        {
            throw new ReadLimitExceededException(max);
        }
    }
}

/// <summary>A read would have returned more rows than <see cref="ReadLimits.MaxRows"/> allows.</summary>
public sealed class ReadLimitExceededException(int maxRows)
    : Exception($"The answer would hold more than {maxRows} rows.")
{
    public int MaxRows { get; } = maxRows;
}
