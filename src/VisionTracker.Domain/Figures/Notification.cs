using VisionTracker.Domain.Common;

namespace VisionTracker.Domain.Figures;

public enum NotificationKind
{
    StaleCheckIn,
    ActionDueSoon,
    ActionOverdue,
    PeriodClosing,
    WeeklyDigest,
}

public sealed class Notification : Entity
{
    public Guid RecipientId { get; set; }
    public NotificationKind Kind { get; set; }
    public required string Subject { get; set; }
    public required string Text { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime? ReadAt { get; set; }
    public string Channel { get; set; } = "email";
    public required string DeduplicationKey { get; set; }
}
