using Riok.Mapperly.Abstractions;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Foundations;

/// <summary>'Personligt ledelsesgrundlag': a person's leadership foundation and the goals it commits to.</summary>
public sealed record LeadershipFoundationDto
{
    public Guid PersonId { get; init; }
    public required string PersonName { get; init; }
    public required string Text { get; init; }
    public IReadOnlyList<Guid> CommittedGoalIds { get; init; } = [];
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
}
