using VisionTracker.Domain.Common;

namespace VisionTracker.Application.Common;

public static class Versioning
{
    /// <summary>Refuses an update whose If-Match names another version than the stored one.</summary>
    public static void EnsureVersion(this VersionedEntity entity, int? expected)
    {
        if (expected is { } v && v != entity.Version)
        {
            throw new PreconditionFailedException(v, entity.Version);
        }
    }
}
