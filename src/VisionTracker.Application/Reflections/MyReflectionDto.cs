namespace VisionTracker.Application.Reflections;

/// <summary>One of the caller's check-ins read back as a reflection: what it was on, the note and the answers.</summary>
public sealed record MyReflectionDto
{
    public Guid CheckInId { get; init; }
    public DateTime At { get; init; }

    /// <summary>The day of the check-in in the organisation's time zone (what the date filters compare with).</summary>
    public DateOnly LocalDate { get; init; }
    public Guid GoalId { get; init; }
    public required string GoalTitle { get; init; }
    public Guid? KeyResultId { get; init; }
    public string? KeyResultTitle { get; init; }
    public Guid? ActionId { get; init; }
    public string? ActionTitle { get; init; }
    public double Confidence { get; init; }
    public required string Note { get; init; }
    public IReadOnlyList<ReflectionAnswerDto> Answers { get; init; } = [];
}
