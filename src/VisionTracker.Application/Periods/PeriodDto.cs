using Riok.Mapperly.Abstractions;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Periods;

public sealed record PeriodDto
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public DateOnly Start { get; init; }
    public DateOnly End { get; init; }
    public PeriodState State { get; init; }
    public int Version { get; init; }
}

[Mapper]
public static partial class PeriodMapper
{
    [MapperIgnoreSource(nameof(Period.CreatedAt))]
    [MapperIgnoreSource(nameof(Period.UpdatedAt))]
    [MapperIgnoreSource(nameof(Period.FiguresStamp))]
    public static partial PeriodDto ToDto(this Period period);

    public static partial IQueryable<PeriodDto> ProjectToDto(this IQueryable<Period> query);
}
