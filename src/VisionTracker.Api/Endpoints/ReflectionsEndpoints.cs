using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VisionTracker.Application.Common;
using VisionTracker.Application.Reflections;

namespace VisionTracker.Api.Endpoints;

public static class ReflectionsEndpoints
{
    public sealed record MyReflectionsParameters(Guid? GoalId, Guid? KeyResultId, string? Question, DateOnly? From, DateOnly? To, int? Skip, int? Take);

    public static IEndpointRouteBuilder MapReflectionsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reflection-questions", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetReflectionQuestionsQuery(), ct)))
            .WithTags("Reflections").RequireAuthorization().Problems(401)
            .WithSummary("The programme's reflection questions ('Fælles om Ledelse'): each with a stable key, where it is asked (CheckIn or Foundation) and its Danish and English wording. Answers are optional, at most 2,000 characters each.");
        app.MapGet("/api/me/reflections", MyReflectionsAsync)
            .WithTags("Reflections").RequireAuthorization().Problems(401, 400)
            .WithSummary("Your own reflections over time: your check-ins with a note or answers to the reflection questions, newest first. Filter by goal, key result (its own check-ins and those of its actions), question key, and from/to (inclusive days in Europe/Copenhagen); paged with skip/take.");
        return app;
    }

    private static async Task<Ok<PagedResult<MyReflectionDto>>> MyReflectionsAsync([AsParameters] MyReflectionsParameters p, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetMyReflectionsQuery(p.GoalId, p.KeyResultId, p.Question, p.From, p.To, p.Skip, p.Take), ct));
}
