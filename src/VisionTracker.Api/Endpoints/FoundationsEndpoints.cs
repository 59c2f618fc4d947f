using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VisionTracker.Api.Http;
using VisionTracker.Application.Foundations;

namespace VisionTracker.Api.Endpoints;

public static class FoundationsEndpoints
{
    public sealed record FoundationRequest(
        string Text, IReadOnlyList<Guid>? CommittedGoalIds, IReadOnlyList<Guid>? CommittedActionIds = null, IReadOnlyDictionary<string, string?>? Answers = null);

    public static IEndpointRouteBuilder MapFoundationsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/people/{personId:guid}/leadership-foundation").WithTags("Leadership foundations").RequireAuthorization().Problems(401);
        group.MapGet("/", GetAsync)
            .WithSummary("A person's leadership foundation (personligt ledelsesgrundlag), for the person or a department head over their home unit.")
            .Problems(403, 404);
        group.MapPut("/", PutAsync)
            .WithSummary("Write your own leadership foundation: its text, the goals and actions it commits to (actions you lead), and answers to the foundation's reflection questions (`answers`: key → text, see /api/reflection-questions). Replaces the whole foundation; created on first write. Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        return app;
    }

    private static async Task<Ok<LeadershipFoundationDto>> GetAsync(Guid personId, ISender sender, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(personId, sender, http, ct));

    private static async Task<Results<Created<LeadershipFoundationDto>, Ok<LeadershipFoundationDto>>> PutAsync(
        Guid personId, FoundationRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var created = await sender.Send(new SaveLeadershipFoundationCommand(personId, http.Request.IfMatchVersion(), body.Text, body.CommittedGoalIds)
        {
            CommittedActionIds = body.CommittedActionIds,
            Answers = body.Answers,
        }, ct);
        var foundation = await ReadAsync(personId, sender, http, ct);
        return created
            ? TypedResults.Created($"/api/people/{personId}/leadership-foundation", foundation)
            : TypedResults.Ok(foundation);
    }

    private static async Task<LeadershipFoundationDto> ReadAsync(Guid personId, ISender sender, HttpContext http, CancellationToken ct)
    {
        var foundation = await sender.Send(new GetLeadershipFoundationQuery(personId), ct);
        http.SetETag(foundation.Version);
        return foundation;
    }
}
