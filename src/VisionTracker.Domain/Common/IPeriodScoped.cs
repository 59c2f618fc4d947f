namespace VisionTracker.Domain.Common;

/// <summary>An entity whose changes move the figures of its period.</summary>
public interface IPeriodScoped
{
    Guid PeriodId { get; }
}
