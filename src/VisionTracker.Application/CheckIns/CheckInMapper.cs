using Riok.Mapperly.Abstractions;
using VisionTracker.Application.Reflections;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Reflections;

namespace VisionTracker.Application.CheckIns;

[Mapper]
public static partial class CheckInMapper
{
    [MapperIgnoreSource(nameof(CheckIn.PeriodId))]
    [MapperIgnoreSource(nameof(CheckIn.IdempotencyKey))]
    [MapperIgnoreSource(nameof(CheckIn.OrgUnitId))]
    [MapperIgnoreSource(nameof(CheckIn.LocalDate))]
    [MapperIgnoreTarget(nameof(CheckInDto.Figures))]
    public static partial CheckInDto ToDto(this CheckIn checkIn);

    /// <summary>A check-in just recorded, as its answer shows it, without reading it back.</summary>
    [MapperIgnoreSource(nameof(CheckIn.PeriodId))]
    [MapperIgnoreSource(nameof(CheckIn.IdempotencyKey))]
    [MapperIgnoreSource(nameof(CheckIn.OrgUnitId))]
    [MapperIgnoreSource(nameof(CheckIn.LocalDate))]
    [MapperIgnoreSource(nameof(CheckIn.Person))]
    [MapperIgnoreTarget(nameof(CheckInDto.Figures))]
    public static partial CheckInDto ToDto(this CheckIn checkIn, string personName);

    public static partial IQueryable<CheckInDto> ProjectToDto(this IQueryable<CheckIn> query);

    [MapperIgnoreSource(nameof(ReflectionAnswer.Id))]
    [MapperIgnoreSource(nameof(ReflectionAnswer.CheckInId))]
    [MapperIgnoreSource(nameof(ReflectionAnswer.FoundationId))]
    public static partial ReflectionAnswerDto ToDto(this ReflectionAnswer answer);
}
