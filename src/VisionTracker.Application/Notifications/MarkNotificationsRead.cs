using System.Linq.Expressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Figures;

namespace VisionTracker.Application.Notifications;

/// <summary>Marks one of the caller's notifications read (reading it again keeps the first time); others' are 404.</summary>
public sealed record MarkNotificationReadCommand(Guid Id) : ICommand<NotificationDto>;

/// <summary>Marks all of the caller's unread notifications read; returns how many.</summary>
public sealed record MarkAllNotificationsReadCommand : ICommand<int>;

public sealed class MarkNotificationReadHandler(IVisionTrackerDbContext db, AccessPolicy access, TimeProvider clock)
    : ICommandHandler<MarkNotificationReadCommand, NotificationDto>
{
    public async ValueTask<NotificationDto> Handle(MarkNotificationReadCommand command, CancellationToken cancellationToken)
    {
        var me = access.PersonId;
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == command.Id && n.RecipientId == me, cancellationToken)
            ?? throw new NotFoundException("Notification", command.Id);
        notification.ReadAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return NotificationProjection.Map(notification);
    }
}

public sealed class MarkAllNotificationsReadHandler(IVisionTrackerDbContext db, AccessPolicy access, TimeProvider clock)
    : ICommandHandler<MarkAllNotificationsReadCommand, int>
{
    public async ValueTask<int> Handle(MarkAllNotificationsReadCommand command, CancellationToken cancellationToken)
    {
        var me = access.PersonId;
        DateTime? now = clock.GetUtcNow().UtcDateTime;
        return await db.Notifications.Where(n => n.RecipientId == me && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}

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
