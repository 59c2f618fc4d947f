namespace VisionTracker.Application.Notifications;

/// <summary>Reminder rules and e-mail delivery policy (configuration section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>An open action gets a "due soon" reminder when its due date is this many days away or nearer.</summary>
    public int DueSoonDays { get; set; } = 3;

    /// <summary>An action overdue by this many days or more is also reported to the department heads over its unit.</summary>
    public int EscalateOverdueAfterDays { get; set; } = 14;

    /// <summary>Leaders are told this many days before an Active period ends.</summary>
    public int PeriodClosingDays { get; set; } = 14;

    /// <summary>How many items a digest section lists by name before it says "and N more".</summary>
    public int DigestListLimit { get; set; } = 15;

    public DeliveryOptions Delivery { get; set; } = new();
}

public sealed class DeliveryOptions
{
    /// <summary>E-mails sent per run of the delivery job at most; the rest wait for the next run.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>After this many failed attempts an e-mail is given up (FailedAt is set).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failure; it doubles after each further failure, up to <see cref="MaxRetryDelayMinutes"/>.</summary>
    public int FirstRetryDelaySeconds { get; set; } = 60;

    public int MaxRetryDelayMinutes { get; set; } = 360;

    /// <summary>An e-mail not sent within this many hours of being written is given up rather than sent late.</summary>
    public int MaxAgeHours { get; set; } = 72;

    /// <summary>A run claims each e-mail for this long before sending it, so a parallel run never sends it too.</summary>
    public int ClaimMinutes { get; set; } = 10;

    public TimeSpan RetryDelay(int attempts)
    {
        var seconds = FirstRetryDelaySeconds * Math.Pow(2, Math.Max(attempts - 1, 0));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxRetryDelayMinutes * 60.0));
    }
}
