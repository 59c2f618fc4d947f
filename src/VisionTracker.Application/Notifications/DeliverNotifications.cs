using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VisionTracker.Application.Common;
using VisionTracker.Application.Common.Telemetry;

namespace VisionTracker.Application.Notifications;

public sealed record DeliveryReport(int Sent, int Retrying, int GivenUp);

/// <summary>
/// Sends the e-mails that are due, one by one. Not a unit-of-work command on purpose: each e-mail is claimed, sent and
/// marked in its own small write, so a send that succeeded is never repeated by a later run, a failure is recorded
/// with back-off (and given up after <c>MaxAttempts</c>), and one refused recipient never holds up the others.
/// </summary>
public sealed record DeliverNotificationsCommand : IRequest<DeliveryReport>;

public sealed class DeliverNotificationsHandler(
    IVisionTrackerDbContext db, IEmailSender sender, TimeProvider clock, IOptions<NotificationOptions> options, VisionTrackerMetrics metrics)
    : IRequestHandler<DeliverNotificationsCommand, DeliveryReport>
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async ValueTask<DeliveryReport> Handle(DeliverNotificationsCommand command, CancellationToken cancellationToken)
    {
        if (!sender.IsConfigured)
        {
            return new DeliveryReport(0, 0, 0);
        }

        var o = options.Value.Delivery;
        var now = Now;
        var tooOld = now.AddHours(-o.MaxAgeHours);
        var expired = await Pending(now).Where(n => n.CreatedAt < tooOld)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.FailedAt, now).SetProperty(n => n.NextAttemptAt, (DateTime?)null)
                .SetProperty(n => n.LastError, $"Not sent within {o.MaxAgeHours} hours of being written; given up."), cancellationToken);

        var due = await Pending(now)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
            .Take(o.BatchSize)
            .Join(db.People, n => n.RecipientId, p => p.Id, (n, p) => new { n.Id, n.Subject, n.Text, n.Html, n.Attempts, p.Email, p.Name, p.IsActive })
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return new DeliveryReport(0, 0, expired);
        }

        int sent = 0, retrying = 0, givenUp = expired;
        await using var session = await sender.OpenSessionAsync(cancellationToken);
        foreach (var n in due)
        {
            if (!await ClaimAsync(n.Id, o.ClaimMinutes, cancellationToken))
            {
                continue;
            }

            if (!n.IsActive || string.IsNullOrWhiteSpace(n.Email))
            {
                await RecordFailureAsync(n.Id, n.Attempts, "The recipient is inactive or has no e-mail address.", true, cancellationToken);
                givenUp++;
                continue;
            }

            try
            {
                await session.SendAsync(new EmailMessage(n.Email, n.Name, n.Subject, n.Text, n.Html), cancellationToken);
            }
            catch (EmailDeliveryException e)
            {
                var attempts = n.Attempts + 1;
                var gaveUp = await RecordFailureAsync(n.Id, attempts, e.Message, false, cancellationToken);
                givenUp += gaveUp ? 1 : 0;
                retrying += gaveUp ? 0 : 1;
                if (e.ServerUnavailable)
                {
                    break;
                }

                continue;
            }

            // Marked at once, without the caller's token: a run cancelled after the hand-over must still record it.
            var at = Now;
            await db.Notifications.Where(x => x.Id == n.Id).ExecuteUpdateAsync(
                s => s.SetProperty(x => x.SentAt, at).SetProperty(x => x.Attempts, n.Attempts + 1)
                    .SetProperty(x => x.NextAttemptAt, (DateTime?)null).SetProperty(x => x.LastError, (string?)null),
                CancellationToken.None);
            metrics.EmailSent();
            sent++;
        }

        return new DeliveryReport(sent, retrying, givenUp);
    }

    private IQueryable<Domain.Notifications.Notification> Pending(DateTime now) =>
        db.Notifications.Where(n => n.Channel == NotificationChannels.Email && n.SentAt == null && n.FailedAt == null
            && (n.NextAttemptAt == null || n.NextAttemptAt <= now));

    /// <summary>Takes the e-mail for this run by pushing its next attempt into the future; false when another run has it.</summary>
    private async Task<bool> ClaimAsync(Guid id, int minutes, CancellationToken ct)
    {
        var now = Now;
        var until = now.AddMinutes(minutes);
        return await Pending(now).Where(n => n.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.NextAttemptAt, until), ct) == 1;
    }

    /// <summary>Records a failed attempt; returns true when the e-mail is given up.</summary>
    private async Task<bool> RecordFailureAsync(Guid id, int attempts, string error, bool giveUpNow, CancellationToken ct)
    {
        var o = options.Value.Delivery;
        var now = Now;
        var giveUp = giveUpNow || attempts >= o.MaxAttempts;
        DateTime? next = giveUp ? null : now + o.RetryDelay(attempts);
        DateTime? failedAt = giveUp ? now : null;
        var message = error.Length > 2000 ? error[..2000] : error;
        await db.Notifications.Where(n => n.Id == id).ExecuteUpdateAsync(
            s => s.SetProperty(n => n.Attempts, attempts).SetProperty(n => n.LastError, message)
                .SetProperty(n => n.NextAttemptAt, next).SetProperty(n => n.FailedAt, failedAt),
            CancellationToken.None);
        metrics.EmailFailed(giveUp);
        return giveUp;
    }
}
