using Mediator;
using VisionTracker.Application.Goals;
using VisionTracker.Application.Org;

namespace VisionTracker.Api.Endpoints;

/// <summary>The reads behind the web app's department and goal pages, for API clients as well.</summary>
public static class OverviewEndpoints
{
    public static IEndpointRouteBuilder MapOverviewEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/org-units/{id:guid}/overview", async (Guid id, Guid? periodId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetDepartmentOverviewQuery(id, periodId), ct)))
            .WithTags("Organisation").RequireAuthorization()
            .WithSummary("A unit's subtree in a period as its department head reviews it: alignment reviews (awaiting first), goals × themes, key results without actions, "
                + "stale key results and who has not checked in, collaborations across its boundary both ways, and its progress over the period.");
        app.MapGet("/api/goals/{id:guid}/history", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetGoalHistoryQuery(id), ct)))
            .WithTags("Goals").RequireAuthorization()
            .WithSummary("A goal's trend: its daily snapshots, and each key result's snapshots and check-ins read as progress.");
        app.MapGet("/api/goals/{id:guid}/permissions", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetGoalPermissionsQuery(id), ct)))
            .WithTags("Goals").RequireAuthorization()
            .WithSummary("What you may do with a goal (edit, add actions, review its alignments, check in on which key results); the commands check again.");
        app.MapGet("/api/goals/{id:guid}/family", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetGoalFamilyQuery(id), ct)))
            .WithTags("Goals").RequireAuthorization()
            .WithSummary("A goal's parent and sub-goals that you may read, with their titles, units and progress.");
        return app;
    }
}
