using Microsoft.AspNetCore.OData;
using Microsoft.AspNetCore.OData.Abstracts;

namespace VisionTracker.Api.Reporting;

/// <summary>Wires the read-only OData v4 feed at /odata (docs/odata.md).</summary>
public static class ReportingRegistration
{
    public const string RoutePrefix = "/odata";

    public static IServiceCollection AddReporting(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReportingOptions>(configuration.GetSection(ReportingOptions.Section));
        services.AddScoped<ODataQueryGuard>();
        services.AddScoped<ReportingQueryRunner>();
        // The model (~0.3 s of reflection) is built on another thread while the service starts; the OData options, and
        // with them the model, are first asked for when the feed's routes are built (docs/performance.md, start).
        var model = Task.Run(ReportingModel.Build);
        services.AddControllers(o => o.ReturnHttpNotAcceptable = true)
            .AddOData(o =>
            {
                o.TimeZone = TimeZoneInfo.Utc;
                o.EnableQueryFeatures().AddRouteComponents(RoutePrefix.TrimStart('/'), model.GetAwaiter().GetResult(), s => s.AddSingleton<IETagHandler, VersionETagHandler>());
            });
        return services;
    }

    public static WebApplication MapReporting(this WebApplication app)
    {
        app.Use(MetadataDocument.RewriteAsync);
        app.MapControllers().RequireAuthorization();
        return app;
    }
}
