using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VisionTracker.Api.Http;
using VisionTracker.Application.Periods;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Api.Endpoints;

public static class PeriodsEndpoints
{
    public sealed record CreatePeriodRequest(string Name, DateOnly Start, DateOnly End);

    public sealed record PeriodStateRequest(PeriodState State);

    public static IEndpointRouteBuilder MapPeriodsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/periods").WithTags("Periods").RequireAuthorization().Problems(401);
        group.MapGet("/", ListAsync).WithSummary("List the periods, oldest first.");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("Read one period.")
            .Problems(404);
        group.MapPost("/", CreateAsync).WithSummary("Create a period in state Planning (admins of the whole organisation).")
            .Problems(400, 403, 409);
        group.MapPost("/{id:guid}/state", ChangeStateAsync)
            .WithSummary("Move a period Planning → Active → Closed (admins). Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<PeriodDto>>> ListAsync(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetPeriodsQuery(), ct));

    private static async Task<Ok<PeriodDto>> GetAsync(Guid id, ISender sender, HttpContext http, CancellationToken ct)
    {
        var period = await sender.Send(new GetPeriodQuery(id), ct);
        http.SetETag(period.Version);
        return TypedResults.Ok(period);
    }

    private static async Task<Created<PeriodDto>> CreateAsync(CreatePeriodRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var period = await sender.Send(new CreatePeriodCommand(body.Name, body.Start, body.End), ct);
        http.SetETag(period.Version);
        return TypedResults.Created($"/api/periods/{period.Id}", period);
    }

    private static async Task<Ok<PeriodDto>> ChangeStateAsync(Guid id, PeriodStateRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var period = await sender.Send(new ChangePeriodStateCommand(id, body.State, http.Request.IfMatchVersion()), ct);
        http.SetETag(period.Version);
        return TypedResults.Ok(period);
    }
}
