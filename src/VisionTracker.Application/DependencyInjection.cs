using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Application.Common;
using VisionTracker.Application.Common.Telemetry;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Goals;
using VisionTracker.Application.Notifications;
using VisionTracker.Application.Org;
using VisionTracker.Application.Reporting;
using VisionTracker.Application.Security;

namespace VisionTracker.Application;

public static class DependencyInjection
{
    /// <summary>The Application layer's own services and options; the host adds Mediator, the database and the adapters.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FigureOptions>(configuration.GetSection(FigureOptions.Section));
        services.Configure<People.TokenOptions>(configuration.GetSection(People.TokenOptions.Section));
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));
        services.Configure<PublicLinkOptions>(configuration.GetSection(PublicLinkOptions.Section));
        services.AddValidatorsFromAssemblyContaining<CommandContext>(ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddScoped<CommandContext>();
        services.AddSingleton<VisionTrackerMetrics>();
        services.AddScoped<FigureCalculator>();
        services.AddScoped<FigureChanges>();
        services.AddScoped<FigureUpdater>();
        services.AddScoped<FigureReader>();
        services.AddScoped<SnapshotWriter>();
        services.AddScoped<ReportingQueries>();
        services.AddScoped<ReportingHistory>();
        services.AddSingleton<ReplayCache>();
        services.AddScoped<FeedStatusColumns>();
        services.AddScoped<FigureReplay>();
        services.AddScoped<AccessPolicy>();
        services.AddScoped<SubtreeKeyResults>();
        services.AddSingleton<TokenUsage>();
        services.AddScoped<SystemActor>();
        services.AddScoped<ReminderContext>();
        services.AddScoped<DigestReader>();
        services.AddScoped<AlignmentReviewLog>();
        services.AddScoped<DigestAlignmentReviews>();
        services.AddSingleton<IPageLinks, PageLinks>();
        return services;
    }
}
