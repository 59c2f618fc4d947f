using VisionTracker.Domain.Notifications;

namespace VisionTracker.Application.Notifications;

public enum DeliveryState
{
    /// <summary>Shown in the app only (the recipient has no e-mail address).</summary>
    InApp,
    Pending,
    Sent,
    Failed,
}

public sealed record NotificationDto(
    Guid Id,
    NotificationKind Kind,
    string Subject,
    string Text,
    string? Html,
    DateTime CreatedAt,
    DateTime? ReadAt,
    string Channel,
    DeliveryState Delivery,
    DateTime? SentAt);

/// <summary>A page of the caller's notifications, with how many of all of them are unread.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationDto> Items, int TotalCount, int Skip, int Take, int UnreadCount);
