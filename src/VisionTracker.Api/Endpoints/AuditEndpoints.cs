using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VisionTracker.Application.Audit;
using VisionTracker.Application.Common;

namespace VisionTracker.Api.Endpoints;

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization().Problems(401);
        group.MapGet("/", ListAsync)
            .WithSummary("Read the audit trail, newest first and paged, filtered by entity, actor and time: all of it for admins of the whole organisation, their subtree for department heads; enum values as names.")
            .Problems(400, 403);
        return app;
    }

    private static async Task<Ok<PagedResult<AuditEntryDto>>> ListAsync(
        ISender sender,
        CancellationToken ct,
        string? entityType = null,
        string? entityId = null,
        Guid? actorId = null,
        DateTimeOffset? from = null,
        DateTimeOffset? to = null,
        int? skip = null,
        int? take = null) =>
        TypedResults.Ok(await sender.Send(new GetAuditEntriesQuery(entityType, entityId, actorId, from, to, skip, take), ct));
}
