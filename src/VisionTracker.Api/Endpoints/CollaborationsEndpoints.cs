using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VisionTracker.Application.Goals;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Api.Endpoints;

/// <summary>Collaborations seen from the partner side: what reaches a unit from elsewhere, and its answer.</summary>
public static class CollaborationsEndpoints
{
    public sealed record ResponseRequest(CollaborationResponse Response, string? Comment);

    public static IEndpointRouteBuilder MapCollaborationsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/collaborations").WithTags("Collaborations").RequireAuthorization().Problems(401);
        group.MapGet("/incoming", IncomingAsync)
            .WithSummary("Collaborations from elsewhere naming a unit (or a goal of a unit) in unitId's subtree, or in your scope; in periods not closed, "
                + "pending first. canAnswer says whether you may confirm or decline.")
            .Problems(400, 404);
        group.MapPost("/{id:guid}/response", RespondAsync)
            .WithSummary("The partner side confirms or declines a collaboration (a decline says why in comment): leaders of the partner unit, "
                + "or the partner goal's owner or a department head over it. Audited; the owner of the goal or action is told.")
            .Problems(400, 403, 404, 409);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<IncomingCollaborationDto>>> IncomingAsync(Guid? unitId, CollaborationResponse? response, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetIncomingCollaborationsQuery(unitId, response), ct));

    private static async Task<Ok<CollaborationDto>> RespondAsync(Guid id, ResponseRequest body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new RespondToCollaborationCommand(id, body.Response, body.Comment), ct));
}
