namespace VisionTracker.Domain.Common;

public abstract class Entity
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
}

/// <summary>A resource people edit; its version is the ETag and the optimistic-concurrency token.</summary>
public abstract class VersionedEntity : Entity
{
    public int Version { get; set; } = 1;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
