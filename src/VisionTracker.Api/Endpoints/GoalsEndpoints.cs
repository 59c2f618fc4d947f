namespace VisionTracker.Api.Endpoints;

public static class GoalsEndpoints
{
    public static IEndpointRouteBuilder MapGoalsEndpoints(this IEndpointRouteBuilder app) => app;
}
