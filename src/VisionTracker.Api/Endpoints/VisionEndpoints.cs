namespace VisionTracker.Api.Endpoints;

public static class VisionEndpoints
{
    public static IEndpointRouteBuilder MapVisionEndpoints(this IEndpointRouteBuilder app) => app;
}
