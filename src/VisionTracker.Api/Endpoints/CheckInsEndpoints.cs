using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VisionTracker.Application.CheckIns;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Actions;

namespace VisionTracker.Api.Endpoints;

public static class CheckInsEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public sealed record KeyResultCheckInRequest(double? Value, IReadOnlyList<Guid>? MilestoneIds, double? Confidence, string? Note, IReadOnlyDictionary<string, string?>? Answers = null);

    public sealed record ActionCheckInRequest(ActionState? State, double? Progress, double? Confidence, string? Note, IReadOnlyDictionary<string, string?>? Answers = null);

    public sealed record PageParameters(int? Skip, int? Take);

    public static IEndpointRouteBuilder MapCheckInsEndpoints(this IEndpointRouteBuilder app)
    {
        var keyResults = app.MapGroup("/api/key-results").WithTags("Check-ins").RequireAuthorization().Problems(401);
        keyResults.MapPost("/{id:guid}/check-ins", CheckInOnKeyResultAsync)
            .WithSummary("Check in on a key result: its value (or the milestones now done), confidence (0–1), a reflection note and optional answers to the check-in's reflection questions (`answers`: question key → text, see /api/reflection-questions). The answer carries the new figures of the key result, its goal and themes. Send an Idempotency-Key to retry safely.")
            .Problems(400, 403, 404, 409);
        keyResults.MapGet("/{id:guid}/check-ins", KeyResultCheckInsAsync).WithSummary("A key result's check-ins, newest first.")
            .Problems(400, 404);

        var actions = app.MapGroup("/api/actions").WithTags("Actions", "Check-ins").RequireAuthorization().Problems(401);
        actions.MapPost("/{id:guid}/check-ins", CheckInOnActionAsync)
            .WithSummary("Check in on an action: state, progress (0–1), confidence (0–1), a reflection note and optional answers to the check-in's reflection questions (`answers`: question key → text, see /api/reflection-questions). The answer carries the new figures of the action, its key result, goal and themes. Send an Idempotency-Key to retry safely.")
            .Problems(400, 403, 404, 409);
        actions.MapGet("/{id:guid}/check-ins", ActionCheckInsAsync).WithSummary("An action's check-ins, newest first.")
            .Problems(400, 404);
        return app;
    }

    private static async Task<Results<Created<CheckInDto>, Ok<CheckInDto>>> CheckInOnKeyResultAsync(
        Guid id, KeyResultCheckInRequest body, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, ISender sender, HttpContext http, CancellationToken ct) =>
        await AnswerAsync(await sender.Send(new CheckInOnKeyResultCommand(id, body.Value, body.MilestoneIds, body.Confidence, body.Note, idempotencyKey) { Answers = body.Answers }, ct),
            new GetCheckInFiguresQuery(CheckInSubject.KeyResult, id), $"/api/key-results/{id}/check-ins", sender, http, ct);

    private static async Task<Results<Created<CheckInDto>, Ok<CheckInDto>>> CheckInOnActionAsync(
        Guid id, ActionCheckInRequest body, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, ISender sender, HttpContext http, CancellationToken ct) =>
        await AnswerAsync(await sender.Send(new CheckInOnActionCommand(id, body.State, body.Progress, body.Confidence, body.Note, idempotencyKey) { Answers = body.Answers }, ct),
            new GetCheckInFiguresQuery(CheckInSubject.Action, id), $"/api/actions/{id}/check-ins", sender, http, ct);

    private static async Task<Ok<PagedResult<CheckInDto>>> KeyResultCheckInsAsync(Guid id, [AsParameters] PageParameters p, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetCheckInsQuery(CheckInSubject.KeyResult, id, p.Skip, p.Take), ct));

    private static async Task<Ok<PagedResult<CheckInDto>>> ActionCheckInsAsync(Guid id, [AsParameters] PageParameters p, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetCheckInsQuery(CheckInSubject.Action, id, p.Skip, p.Take), ct));

    /// <summary>
    /// A new check-in is 201; a retry with a known Idempotency-Key gets the stored one back as 200, marked as replayed.
    /// Either way the answer carries the figures of its subject, goal and themes as they now read.
    /// </summary>
    private static async Task<Results<Created<CheckInDto>, Ok<CheckInDto>>> AnswerAsync(
        CheckInResult result, GetCheckInFiguresQuery figures, string list, ISender sender, HttpContext http, CancellationToken ct)
    {
        var checkIn = result.CheckIn with { Figures = await sender.Send(figures, ct) };
        if (!result.Replayed)
        {
            return TypedResults.Created(list, checkIn);
        }

        http.Response.Headers[ReplayedHeader] = "true";
        return TypedResults.Ok(checkIn);
    }
}
