using VisionTracker.Domain.Common;

namespace VisionTracker.Domain.Notifications;

public enum NotificationKind
{
    StaleCheckIn,
    ActionDueSoon,
    ActionOverdue,
    PeriodClosing,
    WeeklyDigest,

    /// <summary>An action overdue for weeks, reported to the department heads over its unit.</summary>
    ActionOverdueEscalation,

    /// <summary>A department head decided on the alignment of a goal to a theme; its owner is told.</summary>
    AlignmentReviewed,

    /// <summary>The partner side confirmed or declined a collaboration; the owner of its goal or action is told.</summary>
    CollaborationAnswered,
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

    /// <summary>HTML alternative of <see cref="Text"/> for e-mail; null sends plain text only.</summary>
    public string? Html { get; set; }

    /// <summary>Delivery attempts made so far (e-mail); a failed attempt is retried with back-off.</summary>
    public int Attempts { get; set; }

    /// <summary>When the next delivery attempt is due; null when sent, given up, or not yet tried.</summary>
    public DateTime? NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>Set when delivery was given up after the last retry.</summary>
    public DateTime? FailedAt { get; set; }
}
