using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.Notifications;

/// <summary>The caller's own notifications, newest first; <c>Unread</c> keeps only the unread ones.</summary>
public sealed record GetMyNotificationsQuery(bool? Unread, int? Skip, int? Take) : IQuery<NotificationPage>, IPagedQuery;

public sealed class GetMyNotificationsValidator : AbstractValidator<GetMyNotificationsQuery>
{
    public GetMyNotificationsValidator() => Include(new PagingValidator());
}

public sealed class GetMyNotificationsHandler(IVisionTrackerDbContext db, AccessPolicy access) : IQueryHandler<GetMyNotificationsQuery, NotificationPage>
{
    public async ValueTask<NotificationPage> Handle(GetMyNotificationsQuery q, CancellationToken cancellationToken)
    {
        var me = access.PersonId;
        var mine = db.Notifications.AsNoTracking().Where(n => n.RecipientId == me);
        var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var page = await mine
            .Where(n => q.Unread != true || n.ReadAt == null)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Select(NotificationProjection.ToDto)
            .ToPageAsync(q.Skip, q.Take, cancellationToken);
        return new NotificationPage(page.Items, page.TotalCount, page.Skip, page.Take, unread);
    }
}
