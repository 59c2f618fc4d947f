using Riok.Mapperly.Abstractions;
using VisionTracker.Application.Reflections;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Reflections;

namespace VisionTracker.Application.Foundations;

/// <summary>'Personligt ledelsesgrundlag': a person's leadership foundation, the goals and actions it commits to and its reflection answers.</summary>
public sealed record LeadershipFoundationDto
{
    public Guid PersonId { get; init; }
    public required string PersonName { get; init; }
    public required string Text { get; init; }
    public IReadOnlyList<Guid> CommittedGoalIds { get; init; } = [];
    public IReadOnlyList<Guid> CommittedActionIds { get; init; } = [];
    public IReadOnlyList<ReflectionAnswerDto> Answers { get; init; } = [];
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

[Mapper]
public static partial class LeadershipFoundationMapper
{
    [MapperIgnoreSource(nameof(LeadershipFoundation.Id))]
    public static partial LeadershipFoundationDto ToDto(this LeadershipFoundation foundation);

    public static partial IQueryable<LeadershipFoundationDto> ProjectToDto(this IQueryable<LeadershipFoundation> query);

    [MapperIgnoreSource(nameof(ReflectionAnswer.Id))]
    [MapperIgnoreSource(nameof(ReflectionAnswer.CheckInId))]
    [MapperIgnoreSource(nameof(ReflectionAnswer.FoundationId))]
    private static partial ReflectionAnswerDto ToDto(ReflectionAnswer answer);
}
