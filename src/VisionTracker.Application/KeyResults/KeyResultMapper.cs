using VisionTracker.Application.Figures;
using VisionTracker.Application.Goals;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.KeyResults;

public static class KeyResultMapper
{
    public static KeyResultSummaryDto ToSummary(KeyResult k, FigureReader figures) => new()
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
        Version = k.Version,
    };
}
