using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VisionTracker.Api.Http;
using VisionTracker.Application.Common;
using VisionTracker.Application.Goals;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Api.Endpoints;

public static class GoalsEndpoints
{
    public sealed record GoalRequest(
        Guid PeriodId, Guid OwnerUnitId, Guid? OwnerId, string Title, string? Description, string CitizenValue,
        CoCreationLevel CoCreationLevel, bool GreenTransition, Guid? ParentGoalId, IReadOnlyList<string>? Tags);

    public sealed record GoalUpdateRequest(
        string Title, string? Description, string CitizenValue, CoCreationLevel CoCreationLevel, bool GreenTransition,
        IReadOnlyList<string>? Tags, Guid? OwnerId);

    public sealed record GoalStateRequest(GoalState State);

    public sealed record ParentRequest(Guid? ParentGoalId);

    public sealed record AlignmentRequest(string Rationale);

    public sealed record ReviewRequest(AlignmentReviewState Decision, string? Comment);

    public sealed record CopyRequest(Guid TargetPeriodId);

    public sealed record GoalListParameters(
        Guid? PeriodId, Guid? UnitId, Guid? ThemeId, Guid? OwnerId, GoalState? State, string? Tag, bool? GreenTransition,
        bool? IncludeArchived, int? Skip, int? Take);

    public static IEndpointRouteBuilder MapGoalsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/goals").WithTags("Goals").RequireAuthorization().Problems(401);
        group.MapGet("/", ListAsync).WithSummary("List the goals you may read, filtered by period, unit (subtree), theme, owner, state, tag or green transition.")
            .Problems(400);
        group.MapGet("/{id:guid}", GetAsync).WithSummary("A goal with its key results, actions, theme alignments, collaborations and check-in history.")
            .Problems(404);
        group.MapGet("/{id:guid}/history", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetGoalHistoryQuery(id), ct)))
            .WithSummary("A goal's trend: its daily snapshots, and each key result's snapshots and check-ins read as progress.")
            .Problems(404);
        group.MapGet("/{id:guid}/permissions", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetGoalPermissionsQuery(id), ct)))
            .WithSummary("What you may do with a goal (edit, add actions, review its alignments, check in on which key results); the commands check again.")
            .Problems(404);
        group.MapGet("/{id:guid}/family", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetGoalFamilyQuery(id), ct)))
            .WithSummary("A goal's parent and sub-goals that you may read, with their titles, units and progress.")
            .Problems(404);
        group.MapGet("/{id:guid}/link-choices", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetGoalLinkChoicesQuery(id), ct)))
            .WithSummary("Goals you may link this goal to: parents it may be placed under (its own unit or above, same period, not its sub-goals) and partners for a dependency.")
            .Problems(404);
        group.MapPost("/", CreateAsync).WithSummary("Create a Draft goal for a unit you lead (citizen value required).")
            .Problems(400, 403, 404, 409);
        group.MapPut("/{id:guid}", UpdateAsync).WithSummary("Edit a goal's texts, tags and flags; department heads may change its owner. Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        group.MapPost("/{id:guid}/state", ChangeStateAsync).WithSummary("Move a goal Draft → Active → Achieved | Abandoned. Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        group.MapPost("/{id:guid}/archive", (Guid id, ISender s, HttpContext h, CancellationToken ct) => SendAsync(new ArchiveGoalCommand(id, h.Request.IfMatchVersion(), true), s, h, ct))
            .WithSummary("Archive a goal: it leaves every figure and becomes read-only. Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        group.MapPost("/{id:guid}/restore", (Guid id, ISender s, HttpContext h, CancellationToken ct) => SendAsync(new ArchiveGoalCommand(id, h.Request.IfMatchVersion(), false), s, h, ct))
            .WithSummary("Restore an archived goal. Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        group.MapPut("/{id:guid}/parent", (Guid id, ParentRequest body, ISender s, HttpContext h, CancellationToken ct) => SendAsync(new SetGoalParentCommand(id, h.Request.IfMatchVersion(), body.ParentGoalId), s, h, ct))
            .WithSummary("Place the goal under a parent goal of the same period (null detaches it). Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        group.MapPut("/{id:guid}/themes/{themeId:guid}", (Guid id, Guid themeId, AlignmentRequest body, ISender s, HttpContext h, CancellationToken ct) => SendAsync(new AlignGoalCommand(id, h.Request.IfMatchVersion(), themeId, body.Rationale), s, h, ct))
            .WithSummary("Align the goal to a theme of the active vision with a rationale (a revised rationale is reviewed again). Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        group.MapDelete("/{id:guid}/themes/{themeId:guid}", (Guid id, Guid themeId, ISender s, HttpContext h, CancellationToken ct) => SendAsync(new UnalignGoalCommand(id, h.Request.IfMatchVersion(), themeId), s, h, ct))
            .WithSummary("Remove the goal's alignment to a theme. Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        group.MapPost("/{id:guid}/themes/{themeId:guid}/review", (Guid id, Guid themeId, ReviewRequest body, ISender s, HttpContext h, CancellationToken ct) => SendAsync(new ReviewAlignmentCommand(id, h.Request.IfMatchVersion(), themeId, body.Decision, body.Comment), s, h, ct))
            .WithSummary("Department heads: accept an alignment, request changes or reject it, with a comment. Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        group.MapGet("/{id:guid}/themes/{themeId:guid}/reviews", async (Guid id, Guid themeId, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetAlignmentReviewsQuery(id, themeId), ct)))
            .WithSummary("Every review of the goal's alignment to a theme (who, when, decision, comment, the rationale judged), newest first.")
            .Problems(404);
        group.MapGet("/alignment-review", ReviewListAsync).WithSummary("Department heads: the alignments of goals in your subtree for a period (default: the Active one), those awaiting review first; canReview is false on your own goals.")
            .Problems(400, 403);
        group.MapPost("/{id:guid}/collaborations", AddCollaborationAsync).WithSummary("Link the goal to another unit, another goal (dependency) or an external partner. Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        group.MapDelete("/{id:guid}/collaborations/{collaborationId:guid}", (Guid id, Guid collaborationId, ISender s, HttpContext h, CancellationToken ct) => SendAsync(new RemoveGoalCollaborationCommand(id, h.Request.IfMatchVersion(), collaborationId), s, h, ct))
            .WithSummary("Remove a collaboration from the goal. Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        group.MapPost("/{id:guid}/copy", CopyAsync).WithSummary("Copy the goal into a later period as a Draft, key results reset to their start.")
            .Problems(400, 403, 404, 409);
        return app;
    }

    private static async Task<Ok<PagedResult<GoalSummaryDto>>> ListAsync([AsParameters] GoalListParameters p, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(
            new ListGoalsQuery(p.PeriodId, p.UnitId, p.ThemeId, p.OwnerId, p.State, p.Tag, p.GreenTransition, p.IncludeArchived ?? false, p.Skip, p.Take), ct));

    private static async Task<Ok<GoalDetailDto>> GetAsync(Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(id, sender, http, ct));

    private static async Task<Created<GoalDetailDto>> CreateAsync(GoalRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var id = await sender.Send(new CreateGoalCommand(body.PeriodId, body.OwnerUnitId, body.OwnerId, body.Title, body.Description,
            body.CitizenValue, body.CoCreationLevel, body.GreenTransition, body.ParentGoalId, body.Tags), ct);
        return TypedResults.Created($"/api/goals/{id}", await ReadAsync(id, sender, http, ct));
    }

    private static Task<Ok<GoalDetailDto>> UpdateAsync(Guid id, GoalUpdateRequest body, ISender sender, HttpContext http, CancellationToken ct) =>
        SendAsync(new UpdateGoalCommand(id, http.Request.IfMatchVersion(), body.Title, body.Description, body.CitizenValue,
            body.CoCreationLevel, body.GreenTransition, body.Tags, body.OwnerId), sender, http, ct);

    private static Task<Ok<GoalDetailDto>> ChangeStateAsync(Guid id, GoalStateRequest body, ISender sender, HttpContext http, CancellationToken ct) =>
        SendAsync(new ChangeGoalStateCommand(id, http.Request.IfMatchVersion(), body.State), sender, http, ct);

    private static async Task<Ok<PagedResult<AlignmentReviewItemDto>>> ReviewListAsync(
        Guid? periodId, AlignmentReviewState? state, int? skip, int? take, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetAlignmentReviewQuery(periodId, state, skip, take), ct));

    private static async Task<Created<GoalDetailDto>> AddCollaborationAsync(Guid id, CollaborationRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        await sender.Send(new AddGoalCollaborationCommand(id, http.Request.IfMatchVersion(), body.Kind, body.PartnerUnitId, body.PartnerGoalId, body.PartnerName, body.Description), ct);
        return TypedResults.Created($"/api/goals/{id}", await ReadAsync(id, sender, http, ct));
    }

    private static async Task<Created<GoalDetailDto>> CopyAsync(Guid id, CopyRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var copyId = await sender.Send(new CopyGoalCommand(id, body.TargetPeriodId), ct);
        return TypedResults.Created($"/api/goals/{copyId}", await ReadAsync(copyId, sender, http, ct));
    }

    /// <summary>Runs a goal command, then answers with the goal as it now reads, figures included.</summary>
    private static async Task<Ok<GoalDetailDto>> SendAsync(ICommand<Guid> command, ISender sender, HttpContext http, CancellationToken ct)
    {
        var id = await sender.Send(command, ct);
        return TypedResults.Ok(await ReadAsync(id, sender, http, ct));
    }

    internal static async Task<GoalDetailDto> ReadAsync(Guid id, ISender sender, HttpContext http, CancellationToken ct)
    {
        var goal = await sender.Send(new GetGoalQuery(id), ct);
        http.SetETag(goal.Version);
        return goal;
    }
}
