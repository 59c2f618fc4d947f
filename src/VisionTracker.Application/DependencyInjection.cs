using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Security;

namespace VisionTracker.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<CommandContext>(ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddScoped<CommandContext>();
        services.AddScoped<FigureCalculator>();
        services.AddScoped<FigureReader>();
        services.AddScoped<Reporting.ReportingQueries>();
        services.AddScoped<SnapshotWriter>();
        services.AddScoped<AccessPolicy>();
        services.AddScoped<SystemActor>();
        return services;
    }
}
