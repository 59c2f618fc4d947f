namespace VisionTracker.Application.Notifications;

public sealed record EmailMessage(string ToAddress, string ToName, string Subject, string Text, string? Html);

/// <summary>Sends e-mail (SMTP in production). A session keeps one connection for a run of messages.</summary>
public interface IEmailSender
{
    /// <summary>False when no SMTP server is configured: notifications then stay in-app only.</summary>
    bool IsConfigured { get; }

    Task<IEmailSession> OpenSessionAsync(CancellationToken cancellationToken);
}

public interface IEmailSession : IAsyncDisposable
{
    /// <summary>Sends one message; throws <see cref="EmailDeliveryException"/> when it could not be handed over.</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>A message was not accepted. <see cref="ServerUnavailable"/> says the server itself could not be used.</summary>
public sealed class EmailDeliveryException(string message, bool serverUnavailable, Exception? inner = null) : Exception(message, inner)
{
    public bool ServerUnavailable { get; } = serverUnavailable;
}
