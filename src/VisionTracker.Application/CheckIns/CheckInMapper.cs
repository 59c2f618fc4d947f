using Riok.Mapperly.Abstractions;
using VisionTracker.Domain.Actions;

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

    public static partial IQueryable<CheckInDto> ProjectToDto(this IQueryable<CheckIn> query);
}
