using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.Notifications;

/// <summary>Marks one of the caller's notifications read (reading it again keeps the first time); others' are 404.</summary>
public sealed record MarkNotificationReadCommand(Guid Id) : ICommand<NotificationDto>;

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
