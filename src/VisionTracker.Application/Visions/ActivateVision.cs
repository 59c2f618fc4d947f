using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.Visions;

/// <summary>Makes this the one active vision; whichever was active before is deactivated in the same command.</summary>
public sealed record ActivateVisionCommand(Guid Id, int? ExpectedVersion) : ICommand<VisionDto>;

public sealed class ActivateVisionHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<ActivateVisionCommand, VisionDto>
{
    public async ValueTask<VisionDto> Handle(ActivateVisionCommand command, CancellationToken cancellationToken)
    {
        access.EnsureGlobalAdmin();
        var vision = await db.Visions.Include(v => v.Themes).FirstOrDefaultAsync(v => v.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("Vision", command.Id);
        vision.EnsureVersion(command.ExpectedVersion);

        var others = await db.Visions.Where(v => v.IsActive && v.Id != vision.Id).ToListAsync(cancellationToken);
        foreach (var other in others)
        {
            other.IsActive = false;
        }

        vision.IsActive = true;
        await db.SaveChangesAsync(cancellationToken);
        return vision.ToDto();
    }
}
