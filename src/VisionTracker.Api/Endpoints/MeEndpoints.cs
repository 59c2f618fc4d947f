using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VisionTracker.Application.MyWork;
using VisionTracker.Application.People;

namespace VisionTracker.Api.Endpoints;

/// <summary>What the web app's start page reads, and the caller's own language, for API clients too.</summary>
public static class MeEndpoints
{
    public sealed record CultureRequest(string Culture);

    public static IEndpointRouteBuilder MapMeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me").WithTags("People").RequireAuthorization();
        group.MapGet("/work", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetMyWorkQuery(), ct)))
            .WithSummary("Your start page: key results of running goals you own to check in on (stale first), with the figures of their goals and themes, and your open actions by goal with due and overdue.");
        group.MapPut("/culture", SetCultureAsync)
            .WithSummary("Choose the language the service uses with you: 'da' (Danish, the default) or 'en'.");
        return app;
    }

    private static async Task<NoContent> SetCultureAsync(CultureRequest body, ISender sender, CancellationToken ct)
    {
        await sender.Send(new SetMyCultureCommand(body.Culture), ct);
        return TypedResults.NoContent();
    }
}
