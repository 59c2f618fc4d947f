using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.Visions;

public sealed record UpdateVisionCommand(Guid Id, string Title, string? Narrative, DateOnly ValidFrom, DateOnly? ValidTo, int? ExpectedVersion)
    : ICommand<VisionDto>, IVisionFields;

public sealed class UpdateVisionValidator : AbstractValidator<UpdateVisionCommand>
{
    public UpdateVisionValidator()
    {
        Include(new VisionFieldsValidator());
    }
}

public sealed class UpdateVisionHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<UpdateVisionCommand, VisionDto>
{
    public async ValueTask<VisionDto> Handle(UpdateVisionCommand command, CancellationToken cancellationToken)
    {
        access.EnsureGlobalAdmin();
        var vision = await db.Visions.Include(v => v.Themes).FirstOrDefaultAsync(v => v.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("Vision", command.Id);
        vision.EnsureVersion(command.ExpectedVersion);

        vision.Title = command.Title.Trim();
        vision.Narrative = command.Narrative?.Trim() ?? "";
        vision.ValidFrom = command.ValidFrom;
        vision.ValidTo = command.ValidTo;
        await db.SaveChangesAsync(cancellationToken);
        return vision.ToDto();
    }
}
