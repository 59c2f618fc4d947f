using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VisionTracker.Application.Reports;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Api.Endpoints;

public static class ReportsEndpoints
{
    public static IEndpointRouteBuilder MapReportsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Reports").RequireAuthorization();
        group.MapGet("/vision/tree", async (Guid? periodId, Guid? unitId, bool? greenTransition, CoCreationLevel? coCreationLevel, bool? crossesBoundary, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetVisionTreeQuery(periodId, unitId, greenTransition, coCreationLevel, crossesBoundary), ct)))
            .WithSummary("The vision tree with figures: vision → themes → goals → key results → actions, for a period (default: the active one); "
                + "filter by unit (its subtree), green transition, co-creation level or boundary-crossing collaboration, and the themes show the cut.");
        group.MapGet("/org-units/{id:guid}/goals", UnitGoalsAsync)
            .WithSummary("A unit's goals in a period (its whole subtree) with progress, alignment figures and cuts by tag and collaboration.");
        return app;
    }

    private static async Task<Ok<UnitGoalsDto>> UnitGoalsAsync(Guid id, Guid periodId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetUnitGoalsQuery(id, periodId), ct));
}
