using MailKit.Security;

namespace VisionTracker.Infrastructure.Email;

/// <summary>The SMTP server e-mail goes through (configuration <c>Email:Smtp</c>). No host: e-mail is off, notifications stay in-app.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Email:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>MailKit's <see cref="SecureSocketOptions"/>: None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "visiontracker@localhost";

    public string FromName { get; set; } = "VisionTracker";

    public int TimeoutSeconds { get; set; } = 30;
}
