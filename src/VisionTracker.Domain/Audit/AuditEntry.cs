namespace VisionTracker.Domain.Audit;

public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTime At { get; init; }
    public Guid? ActorId { get; init; }

    /// <summary>The personal token the change was made with (null for the system), so a leaked token's doings can be found.</summary>
    public Guid? TokenId { get; init; }
    public required string Command { get; init; }
    public required string EntityType { get; init; }
    public required string EntityId { get; init; }
    public required string Operation { get; init; }

    /// <summary>JSON object of the changed properties: { "Title": { "old": …, "new": … } }.</summary>
    public required string Changes { get; init; }

    /// <summary>The path of the unit the entity belongs to, so department heads read their subtree's trail; null for whole-organisation things.</summary>
    public string? UnitPath { get; init; }
}
