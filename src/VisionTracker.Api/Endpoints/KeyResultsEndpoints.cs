namespace VisionTracker.Api.Endpoints;

public static class KeyResultsEndpoints
{
    public static IEndpointRouteBuilder MapKeyResultsEndpoints(this IEndpointRouteBuilder app) => app;
}
