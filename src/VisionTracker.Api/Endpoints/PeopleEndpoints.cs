using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VisionTracker.Api.Http;
using VisionTracker.Application.MyWork;
using VisionTracker.Application.People;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Api.Endpoints;

public static class PeopleEndpoints
{
    public sealed record CreatePersonRequest(string Name, string Email, string? JobTitle, Guid HomeUnitId, string? Culture);

    public sealed record UpdatePersonRequest(string Name, string Email, string? JobTitle, Guid HomeUnitId, string Culture);

    public sealed record GrantRoleRequest(Guid OrgUnitId, Role Role);

    public sealed record IssueTokenRequest(string Name, DateTimeOffset? ExpiresAt, ApiTokenKind? Kind);

    public sealed record CultureRequest(string Culture);

    public sealed record ExternalIdRequest(string? ExternalId);

    public static IEndpointRouteBuilder MapPeopleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", GetMeAsync).WithTags("People").RequireAuthorization().Problems(401)
            .WithSummary("Read the caller: their person and role assignments (unit and role).");
        app.MapGet("/api/me/work", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetMyWorkQuery(), ct)))
            .WithTags("People").RequireAuthorization().Problems(401)
            .WithSummary("Your start page: key results of running goals you own (those needing a check-in first, marked needsCheckIn), with the figures of their goals and themes, and your open actions by goal with due and overdue.");
        app.MapGet("/api/me/check-ins-due", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetMyCheckInsDueQuery(), ct)))
            .WithTags("People", "Check-ins").RequireAuthorization().Problems(401)
            .WithSummary("Your key results that need a check-in: running, with no check-in within their unit's cadence (default the stale limit), the longest unchecked first, with the figures of their goals and themes.");
        app.MapPut("/api/me/culture", SetCultureAsync).WithTags("People").RequireAuthorization().Problems(401)
            .WithSummary("Choose the language the service uses with you: 'da' (Danish, the default) or 'en'.")
            .Problems(400);

        var group = app.MapGroup("/api/people").WithTags("People").RequireAuthorization().Problems(401);
        group.MapGet("/", ListAsync)
            .WithSummary("List the people whose home unit the caller may read; e-mail only for admins over that unit.");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("Read one person (404 outside the caller's scope).")
            .Problems(404);
        group.MapPost("/", CreateAsync).WithSummary("Add a person (Admin over the home unit). E-mail addresses are unique.")
            .Problems(400, 403, 404, 409);
        group.MapPut("/{id:guid}", UpdateAsync).WithSummary("Change a person (Admin over the home unit and every unit they hold a role on). Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        group.MapPut("/{id:guid}/external-id", SetExternalIdAsync)
            .WithSummary("Set the id single sign-on knows the person by (Sso:MatchBy 'ExternalId', e.g. Entra ID's object id), or clear it with null (Admin over the home unit and every unit they hold a role on). Unique.")
            .Problems(400, 403, 404, 409);
        group.MapPost("/{id:guid}/deactivate", DeactivateAsync)
            .WithSummary("Deactivate a person: their tokens stop working (Admin over the home unit and every unit they hold a role on). Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);
        group.MapPost("/{id:guid}/reactivate", ReactivateAsync)
            .WithSummary("Reactivate a deactivated person (Admin over the home unit and every unit they hold a role on). Honours If-Match.")
            .Problems(400, 403, 404, 409, 412);

        group.MapGet("/{id:guid}/roles", ListRolesAsync).WithSummary("List a person's role assignments.")
            .Problems(404);
        group.MapPost("/{id:guid}/roles", GrantRoleAsync)
            .WithSummary("Give a person a role over a unit's subtree (Admin over that unit).")
            .Problems(400, 403, 404, 409);
        group.MapDelete("/{id:guid}/roles/{assignmentId:guid}", RevokeRoleAsync)
            .WithSummary("Remove a role assignment (Admin over its unit); the last global Admin cannot be removed.")
            .Problems(403, 404, 409);

        group.MapGet("/{id:guid}/tokens", ListTokensAsync)
            .WithSummary("List a person's API tokens with their kind (Full or ReadOnly) and last-used time (to within a minute), never their secrets (the person, or an Admin over their home unit and every unit they hold a role on).")
            .Problems(403, 404);
        group.MapPost("/{id:guid}/tokens", IssueTokenAsync)
            .WithSummary("Issue an API token; the secret is in this response only. The person issues their own; for someone else only an Admin of the whole organisation, never for another such Admin. Without expiresAt the token lives Tokens:DefaultLifetimeDays (90), at most Tokens:MaxLifetimeDays (365). kind 'ReadOnly' makes a token for reporting that may only read (GET/HEAD, the OData feed); any write with it is 403.")
            .Problems(400, 403, 404, 409);
        group.MapDelete("/{id:guid}/tokens/{tokenId:guid}", RevokeTokenAsync)
            .WithSummary("Revoke an API token (the person, or an Admin over their home unit and every unit they hold a role on).")
            .Problems(403, 404, 409);
        return app;
    }

    private static async Task<Ok<MeDto>> GetMeAsync(ISender sender, HttpContext http, CancellationToken ct)
    {
        var me = await sender.Send(new GetMeQuery(), ct);
        http.SetETag(me.Version);
        return TypedResults.Ok(me);
    }

    private static async Task<Ok<IReadOnlyList<PersonDto>>> ListAsync(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetPeopleQuery(), ct));

    private static async Task<Ok<PersonDto>> GetAsync(Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
        WithETag(http, await sender.Send(new GetPersonQuery(id), ct));

    private static async Task<Created<PersonDto>> CreateAsync(CreatePersonRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var person = await sender.Send(new CreatePersonCommand(body.Name, body.Email, body.JobTitle, body.HomeUnitId, body.Culture), ct);
        http.SetETag(person.Version);
        return TypedResults.Created($"/api/people/{person.Id}", person);
    }

    private static async Task<Ok<PersonDto>> UpdateAsync(Guid id, UpdatePersonRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var command = new UpdatePersonCommand(id, body.Name, body.Email, body.JobTitle, body.HomeUnitId, body.Culture, http.Request.IfMatchVersion());
        return WithETag(http, await sender.Send(command, ct));
    }

    private static async Task<Ok<PersonDto>> SetExternalIdAsync(Guid id, ExternalIdRequest body, ISender sender, HttpContext http, CancellationToken ct) =>
        WithETag(http, await sender.Send(new SetPersonExternalIdCommand(id, body.ExternalId), ct));

    private static async Task<Ok<PersonDto>> DeactivateAsync(Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
        WithETag(http, await sender.Send(new SetPersonActiveCommand(id, false, http.Request.IfMatchVersion()), ct));

    private static async Task<Ok<PersonDto>> ReactivateAsync(Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
        WithETag(http, await sender.Send(new SetPersonActiveCommand(id, true, http.Request.IfMatchVersion()), ct));

    private static async Task<Ok<IReadOnlyList<RoleAssignmentDto>>> ListRolesAsync(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetRoleAssignmentsQuery(id), ct));

    private static async Task<Created<RoleAssignmentDto>> GrantRoleAsync(Guid id, GrantRoleRequest body, ISender sender, CancellationToken ct)
    {
        var assignment = await sender.Send(new GrantRoleCommand(id, body.OrgUnitId, body.Role), ct);
        return TypedResults.Created($"/api/people/{id}/roles/{assignment.Id}", assignment);
    }

    private static async Task<NoContent> RevokeRoleAsync(Guid id, Guid assignmentId, ISender sender, CancellationToken ct)
    {
        await sender.Send(new RevokeRoleCommand(id, assignmentId), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<ApiTokenDto>>> ListTokensAsync(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetApiTokensQuery(id), ct));

    private static async Task<Created<IssuedApiTokenDto>> IssueTokenAsync(Guid id, IssueTokenRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var token = await sender.Send(new IssueApiTokenCommand(id, body.Name, body.ExpiresAt, body.Kind ?? ApiTokenKind.Full), ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/people/{id}/tokens/{token.Id}", token);
    }

    private static async Task<NoContent> RevokeTokenAsync(Guid id, Guid tokenId, ISender sender, CancellationToken ct)
    {
        await sender.Send(new RevokeApiTokenCommand(id, tokenId), ct);
        return TypedResults.NoContent();
    }

    private static Ok<PersonDto> WithETag(HttpContext http, PersonDto person)
    {
        http.SetETag(person.Version);
        return TypedResults.Ok(person);
    }

    private static async Task<NoContent> SetCultureAsync(CultureRequest body, ISender sender, CancellationToken ct)
    {
        await sender.Send(new SetMyCultureCommand(body.Culture), ct);
        return TypedResults.NoContent();
    }
}
