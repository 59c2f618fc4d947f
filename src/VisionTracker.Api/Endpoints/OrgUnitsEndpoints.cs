using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VisionTracker.Api.Http;
using VisionTracker.Application.Org;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Api.Endpoints;

public static class OrgUnitsEndpoints
{
    public sealed record CreateOrgUnitRequest(string Code, string Name, OrgUnitKind Kind, Guid ParentId, int? CheckInCadenceDays);

    public sealed record UpdateOrgUnitRequest(string Code, string Name, OrgUnitKind Kind, int? CheckInCadenceDays);

    public sealed record MoveOrgUnitRequest(Guid ParentId);

    public static IEndpointRouteBuilder MapOrgUnitsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/org-units").WithTags("Organisation").RequireAuthorization().Problems(401);
        group.MapGet("/", ListAsync)
            .WithSummary("The org chart: every unit, flat in tree order, with parentId, path and depth (what units own stays scoped).");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("Read one org unit.")
            .Problems(404);
        group.MapPost("/", CreateAsync).WithSummary("Create an org unit under a parent (Admin over the parent).")
            .Problems(400, 403, 404, 409);
        group.MapPut("/{id:guid}", UpdateAsync)
            .WithSummary("Change an org unit's code, name, kind and check-in cadence (Admin over the unit). Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        group.MapPost("/{id:guid}/move", MoveAsync)
            .WithSummary("Move an org unit and its subtree under another parent (Admin over both). Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        group.MapGet("/{id:guid}/goals", GoalsAsync)
            .WithSummary("A unit's goals in a period (its whole subtree) with progress, alignment figures and cuts by tag and collaboration.")
            .Problems(400, 404);
        group.MapGet("/{id:guid}/overview", async (Guid id, Guid? periodId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetDepartmentOverviewQuery(id, periodId), ct)))
            .WithSummary("A unit's subtree in a period as its department head reviews it: alignment reviews (awaiting first), goals × themes, key results without actions, "
                + "stale key results and who has not checked in, collaborations across its boundary both ways, and its progress over the period.")
            .Problems(400, 404);
        group.MapGet("/{id:guid}/stale-key-results", async (Guid id, Guid? periodId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetStaleKeyResultsQuery(id, periodId), ct)))
            .WithSummary("The stale key results in the unit's subtree: running (Active goal, Active period) with no check-in for the configured stale limit "
                + "(Figures:StaleAfterDays, default 14 days; never checked in: since created), the longest unchecked first; in every Active period, or only in periodId.")
            .Problems(400, 404);
        group.MapGet("/{id:guid}/key-results-needing-check-in", async (Guid id, Guid? periodId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetKeyResultsNeedingCheckInQuery(id, periodId), ct)))
            .WithSummary("The running key results in the unit's subtree that need a check-in by their unit's check-in cadence (inherited down the tree, "
                + "default the stale limit; what the reminders follow), the longest unchecked first; in every Active period, or only in periodId.")
            .Problems(400, 404);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<OrgUnitDto>>> ListAsync(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetOrgUnitsQuery(), ct));

    private static async Task<Ok<OrgUnitDto>> GetAsync(Guid id, ISender sender, HttpContext http, CancellationToken ct)
    {
        var unit = await sender.Send(new GetOrgUnitQuery(id), ct);
        http.SetETag(unit.Version);
        return TypedResults.Ok(unit);
    }

    private static async Task<Created<OrgUnitDto>> CreateAsync(CreateOrgUnitRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var unit = await sender.Send(new CreateOrgUnitCommand(body.Code, body.Name, body.Kind, body.ParentId, body.CheckInCadenceDays), ct);
        http.SetETag(unit.Version);
        return TypedResults.Created($"/api/org-units/{unit.Id}", unit);
    }

    private static async Task<Ok<OrgUnitDto>> UpdateAsync(Guid id, UpdateOrgUnitRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var command = new UpdateOrgUnitCommand(id, body.Code, body.Name, body.Kind, body.CheckInCadenceDays, http.Request.IfMatchVersion());
        var unit = await sender.Send(command, ct);
        http.SetETag(unit.Version);
        return TypedResults.Ok(unit);
    }

    private static async Task<Ok<OrgUnitDto>> MoveAsync(Guid id, MoveOrgUnitRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var unit = await sender.Send(new MoveOrgUnitCommand(id, body.ParentId, http.Request.IfMatchVersion()), ct);
        http.SetETag(unit.Version);
        return TypedResults.Ok(unit);
    }

    private static async Task<Ok<UnitGoalsDto>> GoalsAsync(Guid id, Guid periodId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetUnitGoalsQuery(id, periodId), ct));
}
