namespace VisionTracker.Api.Endpoints;

public static class FoundationsEndpoints
{
    public static IEndpointRouteBuilder MapFoundationsEndpoints(this IEndpointRouteBuilder app) => app;
}
