namespace VisionTracker.Application.Reporting;

/// <summary>
/// A check-in's key result and time, read straight from its table (none of the feed's department look-ups): what a
/// per-key-result count needs. Scoped like <see cref="CheckInRow"/>; not a feed set.
/// </summary>
public sealed class CheckInStampRow
{
    public Guid Id { get; init; }
    public Guid? KeyResultId { get; init; }
    public DateTime At { get; init; }
}
