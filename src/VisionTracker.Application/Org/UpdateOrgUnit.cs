using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Org;

public sealed record UpdateOrgUnitCommand(Guid Id, string Code, string Name, OrgUnitKind Kind, int? CheckInCadenceDays, int? ExpectedVersion)
    : ICommand<OrgUnitDto>, IOrgUnitFields;

public sealed class UpdateOrgUnitValidator : AbstractValidator<UpdateOrgUnitCommand>
{
    public UpdateOrgUnitValidator()
    {
        Include(new OrgUnitFieldsValidator());
    }
}

public sealed class UpdateOrgUnitHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<UpdateOrgUnitCommand, OrgUnitDto>
{
    public async ValueTask<OrgUnitDto> Handle(UpdateOrgUnitCommand command, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("OrgUnit", command.Id);
        access.EnsureRole(unit.Path, Role.Admin, "OrgUnit", unit.Id, new ErrorPart(nameof(ErrorTexts.DoChangeUnit)));
        unit.EnsureVersion(command.ExpectedVersion);

        var code = command.Code.Trim();
        await OrgUnitCodes.EnsureFreeAsync(db, code, unit.Id, cancellationToken);

        unit.Code = code;
        unit.Name = command.Name.Trim();
        unit.Kind = command.Kind;
        unit.CheckInCadenceDays = command.CheckInCadenceDays;
        await db.SaveChangesAsync(cancellationToken);
        return unit.ToDto();
    }
}
