using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using VisionTracker.Api.Auth;
using VisionTracker.Application.Security;
using VisionTracker.Infrastructure.Jobs;

namespace VisionTracker.Api.Jobs;

/// <summary>The Hangfire dashboard at <c>/hangfire</c> for administrators, and the start-up registration of the recurring jobs.</summary>
public static class JobsDashboard
{
    public const string PolicyName = "JobsDashboard";
    public const string Path = "/hangfire";

    public static IServiceCollection AddJobsDashboard(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(PolicyName, p => p
            .AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .AddRequirements(new GlobalAdminRequirement()));
        services.AddScoped<IAuthorizationHandler, GlobalAdminHandler>();

        // With antiforgery registered the dashboard checks a token on every POST: a browser that remembers the admin's
        // Basic credentials cannot be made to trigger or delete jobs from another site.
        services.AddAntiforgery();
        return services;
    }

    /// <summary>Registers the recurring jobs (call after the database is migrated) and maps the dashboard.</summary>
    public static WebApplication UseJobs(this WebApplication app)
    {
        app.Services.GetRequiredService<RecurringJobRegistrar>().Register();

        // The dashboard reads form values on any method (GET /hangfire/stats read the form of a GET and threw): a
        // request that carries no form is given an empty one.
        app.UseWhen(
            http => http.Request.Path.StartsWithSegments(Path) && !http.Request.HasFormContentType,
            dashboard => dashboard.Use((http, next) =>
            {
                http.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
                return next(http);
            }));
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new AdminDashboardAuthorizationFilter()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "VisionTracker jobs",
            AppPath = "/",
        });
        return app;
    }
}

public sealed class GlobalAdminRequirement : IAuthorizationRequirement;

/// <summary>The caller is an admin of the root unit, as <see cref="AccessPolicy.IsGlobalAdmin"/> decides for the API.</summary>
public sealed class GlobalAdminHandler(AccessPolicy access) : AuthorizationHandler<GlobalAdminRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, GlobalAdminRequirement requirement)
    {
        if (access.IsGlobalAdmin)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
