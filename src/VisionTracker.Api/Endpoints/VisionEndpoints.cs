using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VisionTracker.Api.Http;
using VisionTracker.Application.Visions;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Api.Endpoints;

public static class VisionEndpoints
{
    public sealed record VisionRequest(string Title, string? Narrative, DateOnly ValidFrom, DateOnly? ValidTo);

    public sealed record AddThemeRequest(string Title, string? Description, int? SortOrder);

    public sealed record UpdateThemeRequest(string Title, string? Description, int SortOrder);

    public static IEndpointRouteBuilder MapVisionEndpoints(this IEndpointRouteBuilder app)
    {
        var visions = app.MapGroup("/api/visions").WithTags("Vision").RequireAuthorization().Problems(401);
        visions.MapGet("/", ListAsync).WithSummary("List the visions, newest first, each with its themes in order.");
        visions.MapGet("/active", GetActiveAsync).WithSummary("Read the active vision with its themes (404 while none is active).")
            .Problems(404);
        visions.MapGet("/{id:guid}", GetAsync).WithSummary("Read one vision with its themes in order.")
            .Problems(404);
        visions.MapPost("/", CreateAsync).WithSummary("Create a vision, inactive (admins of the whole organisation).")
            .Problems(400, 403, 409);
        visions.MapPut("/{id:guid}", UpdateAsync).WithSummary("Change a vision (admins of the whole organisation). Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        visions.MapPost("/{id:guid}/activate", ActivateAsync)
            .WithSummary("Make this the one active vision; the previously active one is deactivated (admins). Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        visions.MapPost("/{id:guid}/themes", AddThemeAsync)
            .WithSummary("Add a theme to a vision; without sortOrder it goes last (admins of the whole organisation).")
            .Problems(400, 403, 404, 409);

        var themes = app.MapGroup("/api/themes").WithTags("Vision").RequireAuthorization().Problems(401);
        themes.MapGet("/", ListThemesAsync).WithSummary("List the themes of the active vision, in order.");
        themes.MapGet("/{id:guid}", GetThemeAsync).WithSummary("Read one theme.")
            .Problems(404);
        themes.MapPut("/{id:guid}", UpdateThemeAsync).WithSummary("Change a theme (admins of the whole organisation). Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);

        app.MapGet("/api/vision/tree", TreeAsync).WithTags("Vision").RequireAuthorization().Problems(401)
            .WithSummary("The vision tree with figures: vision → themes → goals → key results → actions, for a period (default: the active one); "
                + "filter by unit (its subtree), green transition, co-creation level or boundary-crossing collaboration, and the themes show the cut.")
            .Problems(400, 404);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<VisionDto>>> ListAsync(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetVisionsQuery(), ct));

    private static async Task<Ok<VisionDto>> GetActiveAsync(ISender sender, HttpContext http, CancellationToken ct) =>
        WithETag(http, await sender.Send(new GetActiveVisionQuery(), ct));

    private static async Task<Ok<VisionDto>> GetAsync(Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
        WithETag(http, await sender.Send(new GetVisionQuery(id), ct));

    private static async Task<Created<VisionDto>> CreateAsync(VisionRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var vision = await sender.Send(new CreateVisionCommand(body.Title, body.Narrative, body.ValidFrom, body.ValidTo), ct);
        http.SetETag(vision.Version);
        return TypedResults.Created($"/api/visions/{vision.Id}", vision);
    }

    private static async Task<Ok<VisionDto>> UpdateAsync(Guid id, VisionRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var command = new UpdateVisionCommand(id, body.Title, body.Narrative, body.ValidFrom, body.ValidTo, http.Request.IfMatchVersion());
        return WithETag(http, await sender.Send(command, ct));
    }

    private static async Task<Ok<VisionDto>> ActivateAsync(Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
        WithETag(http, await sender.Send(new ActivateVisionCommand(id, http.Request.IfMatchVersion()), ct));

    private static async Task<Created<ThemeDto>> AddThemeAsync(Guid id, AddThemeRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var theme = await sender.Send(new AddThemeCommand(id, body.Title, body.Description, body.SortOrder), ct);
        http.SetETag(theme.Version);
        return TypedResults.Created($"/api/themes/{theme.Id}", theme);
    }

    private static async Task<Ok<IReadOnlyList<ThemeDto>>> ListThemesAsync(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetActiveThemesQuery(), ct));

    private static async Task<Ok<ThemeDto>> GetThemeAsync(Guid id, ISender sender, HttpContext http, CancellationToken ct)
    {
        var theme = await sender.Send(new GetThemeQuery(id), ct);
        http.SetETag(theme.Version);
        return TypedResults.Ok(theme);
    }

    private static async Task<Ok<ThemeDto>> UpdateThemeAsync(Guid id, UpdateThemeRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var theme = await sender.Send(new UpdateThemeCommand(id, body.Title, body.Description, body.SortOrder, http.Request.IfMatchVersion()), ct);
        http.SetETag(theme.Version);
        return TypedResults.Ok(theme);
    }

    private static async Task<Ok<VisionTreeDto>> TreeAsync(
        Guid? periodId, Guid? unitId, bool? greenTransition, CoCreationLevel? coCreationLevel, bool? crossesBoundary, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetVisionTreeQuery(periodId, unitId, greenTransition, coCreationLevel, crossesBoundary), ct));

    private static Ok<VisionDto> WithETag(HttpContext http, VisionDto vision)
    {
        http.SetETag(vision.Version);
        return TypedResults.Ok(vision);
    }
}
