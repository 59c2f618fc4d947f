namespace VisionTracker.Api.Endpoints;

public static class OrgUnitsEndpoints
{
    public static IEndpointRouteBuilder MapOrgUnitsEndpoints(this IEndpointRouteBuilder app) => app;
}
