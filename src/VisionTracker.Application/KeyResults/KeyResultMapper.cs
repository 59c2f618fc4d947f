using VisionTracker.Application.Figures;
using VisionTracker.Application.Goals;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.KeyResults;

public static class KeyResultMapper
{
    /// <summary>A key result with its figures; it runs (and has a status) while its goal does.</summary>
    public static KeyResultSummaryDto ToSummary(KeyResult k, FigureReader figures, GoalState goalState, bool goalArchived, PeriodDates period)
    {
        var view = figures.Goal(k.Progress, k.Confidence, goalState, goalArchived, period);
        return new()
        {
            Id = k.Id,
            Title = k.Title,
            OwnerId = k.OwnerId,
            MetricKind = k.MetricKind,
            Direction = k.Direction,
            StartValue = k.StartValue,
            TargetValue = k.TargetValue,
            CurrentValue = k.CurrentValue,
            Unit = k.Unit,
            Weight = k.Weight,
            Progress = k.Progress,
            Confidence = k.Confidence,
            LastCheckInAt = k.LastCheckInAt,
            IsStale = figures.IsStale(k.LastCheckInAt, k.CreatedAt),
            ExpectedProgress = view.ExpectedProgress,
            Status = view.Status,
            Version = k.Version,
        };
    }
}
