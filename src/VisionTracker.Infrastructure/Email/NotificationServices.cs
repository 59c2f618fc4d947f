using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Application.Notifications;
using VisionTracker.Infrastructure.Jobs;

namespace VisionTracker.Infrastructure.Email;

public static class NotificationServices
{
    /// <summary>E-mail delivery over SMTP and the recurring jobs of reminders, digests and delivery.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
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
