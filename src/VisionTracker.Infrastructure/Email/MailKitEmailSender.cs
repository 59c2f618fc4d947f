using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using VisionTracker.Application.Notifications;

namespace VisionTracker.Infrastructure.Email;

/// <summary>SMTP through MailKit: plain text with an HTML alternative, one connection per delivery run.</summary>
public sealed class MailKitEmailSender(IOptions<SmtpOptions> options) : IEmailSender
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.Host);

    public Task<IEmailSession> OpenSessionAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IEmailSession>(new Session(options.Value));

    private sealed class Session(SmtpOptions o) : IEmailSession
    {
        private SmtpClient? client;

        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            MimeMessage mime;
            try
            {
                mime = new MimeMessage { Subject = message.Subject };
                mime.From.Add(new MailboxAddress(o.FromName, o.FromAddress));
                mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
                mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();
            }
            catch (Exception e) when (e is ParseException or ArgumentException)
            {
                throw new EmailDeliveryException($"The message could not be addressed to '{message.ToAddress}': {e.Message}", serverUnavailable: false, e);
            }

            SmtpClient connected;
            try
            {
                connected = await ConnectAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await DisposeAsync();
                throw new EmailDeliveryException($"The SMTP server {o.Host}:{o.Port} could not be used: {e.Message}", serverUnavailable: true, e);
            }

            try
            {
                await connected.SendAsync(mime, cancellationToken);
            }
            catch (SmtpCommandException e)
            {
                // The server refused this message or recipient; start the next one on a clean connection.
                await DisposeAsync();
                throw new EmailDeliveryException($"The SMTP server refused the message ({(int)e.StatusCode} {e.ErrorCode}): {e.Message}", serverUnavailable: false, e);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await DisposeAsync();
                throw new EmailDeliveryException($"Sending through {o.Host}:{o.Port} failed: {e.Message}", serverUnavailable: false, e);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (client is { IsConnected: true })
            {
                try
                {
                    await client.DisconnectAsync(true);
                }
                catch (Exception e) when (e is ServiceNotConnectedException or IOException or SmtpProtocolException)
                {
                    // Everything was handed over already; a failed QUIT loses nothing.
                }
            }

            client?.Dispose();
            client = null;
        }

        private async Task<SmtpClient> ConnectAsync(CancellationToken ct)
        {
            if (client is { IsConnected: true })
            {
                return client;
            }

            client?.Dispose();
            client = new SmtpClient { Timeout = o.TimeoutSeconds * 1000 };
            await client.ConnectAsync(o.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set."), o.Port, o.Security, ct);
            if (!string.IsNullOrEmpty(o.UserName))
            {
                await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
            }

            return client;
        }
    }
}
