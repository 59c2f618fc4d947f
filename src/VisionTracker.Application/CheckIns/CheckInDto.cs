using VisionTracker.Application.Reflections;
using VisionTracker.Domain.Actions;

namespace VisionTracker.Application.CheckIns;

public sealed record CheckInDto
{
    public Guid Id { get; init; }
    public Guid? KeyResultId { get; init; }
    public Guid? ActionId { get; init; }
    public Guid PersonId { get; init; }
    public required string PersonName { get; init; }
    public DateTime At { get; init; }
    public double? Value { get; init; }
    public ActionState? ActionState { get; init; }
    public double? ActionProgress { get; init; }
    public double Confidence { get; init; }
    /// <summary>The reflection; null when the caller may not read it (see <see cref="Reflections"/>).</summary>
    public string? Note { get; init; }

    /// <summary>Answers to the reflection questions; null, like the note, when the caller may not read them.</summary>
    public IReadOnlyList<ReflectionAnswerDto>? Answers { get; init; }

    /// <summary>In the answer to a new check-in: the figures it moved, as they now read. Null in lists.</summary>
    public CheckInFiguresDto? Figures { get; init; }
}
