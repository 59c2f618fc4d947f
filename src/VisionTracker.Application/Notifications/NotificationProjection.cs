using System.Linq.Expressions;
using VisionTracker.Domain.Notifications;

namespace VisionTracker.Application.Notifications;

public static class NotificationProjection
{
    public static readonly Expression<Func<Notification, NotificationDto>> ToDto = n => new NotificationDto(
        n.Id,
        n.Kind,
        n.Subject,
        n.Text,
        n.Html,
        n.CreatedAt,
        n.ReadAt,
        n.Channel,
        n.Channel != NotificationChannels.Email ? DeliveryState.InApp
            : n.SentAt != null ? DeliveryState.Sent
            : n.FailedAt != null ? DeliveryState.Failed
            : DeliveryState.Pending,
        n.SentAt);

    public static readonly Func<Notification, NotificationDto> Map = ToDto.Compile();
}
