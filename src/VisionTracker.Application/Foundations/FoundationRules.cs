using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Foundations;

internal static class FoundationRules
{
    /// <summary>A foundation is personal: its author reads it, and so do department heads over the author's home unit.</summary>
    public static async Task<bool> CanReadAsync(IVisionTrackerDbContext db, AccessPolicy access, Guid personId, CancellationToken ct)
    {
        if (personId == access.PersonId)
        {
            return true;
        }

        var home = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.HomeUnit!.Path).FirstOrDefaultAsync(ct);
        return home is not null && access.RoleAt(home) >= Role.DepartmentHead;
    }
}
