using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VisionTracker.Application.Notifications;

namespace VisionTracker.Api.Endpoints;

public static class NotificationsEndpoints
{
    public sealed record NotificationListParameters(bool? Unread, int? Skip, int? Take);

    public sealed record ReadAllResult(int Marked);

    public static IEndpointRouteBuilder MapNotificationsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me/notifications").WithTags("Notifications").RequireAuthorization().Problems(401);
        group.MapGet("/", ListAsync)
            .WithSummary("Your reminders and digests, newest first, with the number still unread; ?unread=true keeps only the unread ones.")
            .Problems(400);
        group.MapPost("/{id:guid}/read", ReadAsync)
            .WithSummary("Mark one of your notifications read (marking it again keeps the first time). Other people's notifications are 404.")
            .Problems(404);
        group.MapPost("/read-all", ReadAllAsync).WithSummary("Mark all your unread notifications read; answers how many were marked.");
        return app;
    }

    private static async Task<Ok<NotificationPage>> ListAsync([AsParameters] NotificationListParameters p, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetMyNotificationsQuery(p.Unread, p.Skip, p.Take), ct));

    private static async Task<Ok<NotificationDto>> ReadAsync(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new MarkNotificationReadCommand(id), ct));

    private static async Task<Ok<ReadAllResult>> ReadAllAsync(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(new ReadAllResult(await sender.Send(new MarkAllNotificationsReadCommand(), ct)));
}
