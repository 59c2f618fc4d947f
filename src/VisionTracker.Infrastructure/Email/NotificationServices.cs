using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Application.Notifications;
using VisionTracker.Infrastructure.Jobs;

namespace VisionTracker.Infrastructure.Email;

public static class NotificationServices
{
    /// <summary>Reminders, digests, e-mail delivery over SMTP and their recurring jobs (issue 4).</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));
        services.Configure<PublicLinkOptions>(configuration.GetSection(PublicLinkOptions.Section));
        services.AddScoped<ReminderContext>();
        services.AddScoped<DigestReader>();
        services.AddSingleton<IEmailSender, MailKitEmailSender>();
        services.AddScoped<IRecurringJob, CheckInReminderJob>();
        services.AddScoped<IRecurringJob, ActionDueReminderJob>();
        services.AddScoped<IRecurringJob, ActionOverdueReminderJob>();
        services.AddScoped<IRecurringJob, PeriodClosingReminderJob>();
        services.AddScoped<IRecurringJob, WeeklyDigestJob>();
        services.AddScoped<IRecurringJob, NotificationDeliveryJob>();
        return services;
    }
}
