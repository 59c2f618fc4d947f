using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VisionTracker.Api.Http;
using VisionTracker.Application.Goals;
using VisionTracker.Application.KeyResults;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Api.Endpoints;

public static class KeyResultsEndpoints
{
    public sealed record KeyResultRequest(
        Guid? OwnerId, string Title, MetricKind MetricKind, Direction? Direction, double? StartValue, double? TargetValue,
        string? Unit, double? Weight, IReadOnlyList<string>? Milestones);

    public sealed record KeyResultUpdateRequest(
        string Title, string? Unit, Guid? OwnerId, double? Weight, double? StartValue, double? TargetValue, Direction? Direction);

    public sealed record WeightRequest(double Weight);

    public static IEndpointRouteBuilder MapKeyResultsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/goals/{goalId:guid}/key-results", CreateAsync).WithTags("Key results").RequireAuthorization().Problems(401)
            .WithSummary("Add a key result to a goal: Number, Percentage, Currency (start, target, direction), YesNo, or Milestone (its milestones).")
            .Problems(400, 403, 404, 409);
        var group = app.MapGroup("/api/key-results").WithTags("Key results").RequireAuthorization().Problems(401);
        group.MapGet("/{id:guid}", GetAsync).WithSummary("A key result with its progress, confidence, staleness and milestones.")
            .Problems(404);
        group.MapPut("/{id:guid}", UpdateAsync).WithSummary("Edit a key result; start, target and direction only while the goal is a Draft. Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        group.MapPut("/{id:guid}/weight", WeightAsync).WithSummary("Set how much the key result counts in its goal's progress. Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        group.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Delete a key result while its goal is a Draft. Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        return app;
    }

    private static async Task<Created<KeyResultDto>> CreateAsync(Guid goalId, KeyResultRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var id = await sender.Send(new CreateKeyResultCommand(goalId, body.OwnerId, body.Title, body.MetricKind, body.Direction ?? Direction.Increase,
            body.StartValue ?? 0, body.TargetValue ?? 0, body.Unit, body.Weight, body.Milestones), ct);
        return TypedResults.Created($"/api/key-results/{id}", await ReadAsync(id, sender, http, ct));
    }

    private static async Task<Ok<KeyResultDto>> GetAsync(Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(id, sender, http, ct));

    private static async Task<Ok<KeyResultDto>> UpdateAsync(Guid id, KeyResultUpdateRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        await sender.Send(new UpdateKeyResultCommand(id, http.Request.IfMatchVersion(), body.Title, body.Unit, body.OwnerId, body.Weight,
            body.StartValue, body.TargetValue, body.Direction), ct);
        return TypedResults.Ok(await ReadAsync(id, sender, http, ct));
    }

    private static async Task<Ok<KeyResultDto>> WeightAsync(Guid id, WeightRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        await sender.Send(new SetKeyResultWeightCommand(id, http.Request.IfMatchVersion(), body.Weight), ct);
        return TypedResults.Ok(await ReadAsync(id, sender, http, ct));
    }

    private static async Task<Ok<GoalDetailDto>> DeleteAsync(Guid id, ISender sender, HttpContext http, CancellationToken ct)
    {
        var goalId = await sender.Send(new DeleteKeyResultCommand(id, http.Request.IfMatchVersion()), ct);
        return TypedResults.Ok(await GoalsEndpoints.ReadAsync(goalId, sender, http, ct));
    }

    private static async Task<KeyResultDto> ReadAsync(Guid id, ISender sender, HttpContext http, CancellationToken ct)
    {
        var keyResult = await sender.Send(new GetKeyResultQuery(id), ct);
        http.SetETag(keyResult.KeyResult.Version);
        return keyResult;
    }
}
