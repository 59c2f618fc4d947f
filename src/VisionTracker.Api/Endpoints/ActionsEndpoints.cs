using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VisionTracker.Api.Http;
using VisionTracker.Application.Actions;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Api.Endpoints;

public static class ActionsEndpoints
{
    public sealed record ActionRequest(
        Guid GoalId, Guid? KeyResultId, Guid? OwnerId, string Title, string? Description, DateOnly? DueDate,
        string? CitizenValue, CoCreationLevel CoCreationLevel, bool GreenTransition);

    public sealed record ActionUpdateRequest(
        string Title, string? Description, DateOnly? DueDate, string? CitizenValue, CoCreationLevel CoCreationLevel,
        bool GreenTransition, Guid? GoalId, Guid? KeyResultId);

    public sealed record ActionStateRequest(ActionState State);

    public sealed record ActionOwnerRequest(Guid OwnerId);

    public sealed record ActionListParameters(Guid? GoalId, Guid? OwnerId, ActionState? State, Guid? PeriodId, int? Skip, int? Take);

    public sealed record MyActionsParameters(ActionState? State, int? Skip, int? Take);

    public static IEndpointRouteBuilder MapActionsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/actions").WithTags("Actions").RequireAuthorization().Problems(401);
        group.MapGet("/", ListAsync).WithSummary("List the actions you may read, filtered by goal, owner, state or period; soonest due first.")
            .Problems(400);
        group.MapGet("/{id:guid}", GetAsync).WithSummary("An action with its figures, collaborations and check-in history (newest first).")
            .Problems(404);
        group.MapPost("/", CreateAsync).WithSummary("Create a Planned action under a goal (and optionally one of its key results); you own it unless a department head assigns it.")
            .Problems(400, 403, 404, 409);
        group.MapPut("/{id:guid}", UpdateAsync)
            .WithSummary("Edit an action's texts, due date and tags, or relink it to another key result or goal of the same period. Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        group.MapPost("/{id:guid}/state", (Guid id, ActionStateRequest body, ISender s, HttpContext h, CancellationToken ct) =>
                SendAsync(new ChangeActionStateCommand(id, h.Request.IfMatchVersion(), body.State), s, h, ct))
            .WithSummary("Move an action Planned → InProgress → Done | Blocked | Cancelled; a refused move names the allowed ones. Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        group.MapPost("/{id:guid}/owner", (Guid id, ActionOwnerRequest body, ISender s, HttpContext h, CancellationToken ct) =>
                SendAsync(new ChangeActionOwnerCommand(id, h.Request.IfMatchVersion(), body.OwnerId), s, h, ct))
            .WithSummary("Hand the action to another person (its owner or a department head over its unit). Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        group.MapPost("/{id:guid}/collaborations", AddCollaborationAsync)
            .WithSummary("Link the action to another unit, another goal (dependency) or an external partner. Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        group.MapDelete("/{id:guid}/collaborations/{collaborationId:guid}", (Guid id, Guid collaborationId, ISender s, HttpContext h, CancellationToken ct) =>
                SendAsync(new RemoveActionCollaborationCommand(id, h.Request.IfMatchVersion(), collaborationId), s, h, ct))
            .WithSummary("Remove a collaboration from the action. Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);

        app.MapGet("/api/me/actions", MyActionsAsync).WithTags("Actions").RequireAuthorization().Problems(401)
            .WithSummary("Your own actions with their goal and key result: open ones first, soonest due first.")
            .Problems(400);
        return app;
    }

    private static async Task<Ok<PagedResult<ActionSummaryDto>>> ListAsync([AsParameters] ActionListParameters p, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListActionsQuery(p.GoalId, p.OwnerId, p.State, p.PeriodId, p.Skip, p.Take), ct));

    private static async Task<Ok<PagedResult<ActionSummaryDto>>> MyActionsAsync([AsParameters] MyActionsParameters p, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetMyActionsQuery(p.State, p.Skip, p.Take), ct));

    private static async Task<Ok<ActionDetailDto>> GetAsync(Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(id, sender, http, ct));

    private static async Task<Created<ActionDetailDto>> CreateAsync(ActionRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var id = await sender.Send(new CreateActionCommand(body.GoalId, body.KeyResultId, body.OwnerId, body.Title, body.Description,
            body.DueDate, body.CitizenValue, body.CoCreationLevel, body.GreenTransition), ct);
        return TypedResults.Created($"/api/actions/{id}", await ReadAsync(id, sender, http, ct));
    }

    private static Task<Ok<ActionDetailDto>> UpdateAsync(Guid id, ActionUpdateRequest body, ISender sender, HttpContext http, CancellationToken ct) =>
        SendAsync(new UpdateActionCommand(id, http.Request.IfMatchVersion(), body.Title, body.Description, body.DueDate, body.CitizenValue,
            body.CoCreationLevel, body.GreenTransition, body.GoalId, body.KeyResultId), sender, http, ct);

    private static async Task<Created<ActionDetailDto>> AddCollaborationAsync(Guid id, CollaborationRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        await sender.Send(new AddActionCollaborationCommand(id, http.Request.IfMatchVersion(), body.Kind, body.PartnerUnitId, body.PartnerGoalId, body.PartnerName, body.Description), ct);
        return TypedResults.Created($"/api/actions/{id}", await ReadAsync(id, sender, http, ct));
    }

    /// <summary>Runs an action command, then answers with the action as it now reads, figures included.</summary>
    private static async Task<Ok<ActionDetailDto>> SendAsync(ICommand<Guid> command, ISender sender, HttpContext http, CancellationToken ct)
    {
        var id = await sender.Send(command, ct);
        return TypedResults.Ok(await ReadAsync(id, sender, http, ct));
    }

    private static async Task<ActionDetailDto> ReadAsync(Guid id, ISender sender, HttpContext http, CancellationToken ct)
    {
        var action = await sender.Send(new GetActionQuery(id), ct);
        http.SetETag(action.Version);
        return action;
    }
}
