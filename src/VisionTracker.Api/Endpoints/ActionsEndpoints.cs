namespace VisionTracker.Api.Endpoints;

public static class ActionsEndpoints
{
    public static IEndpointRouteBuilder MapActionsEndpoints(this IEndpointRouteBuilder app) => app;
}
