using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VisionTracker.Application.Common.Telemetry;

/// <summary>
/// The service's own traces and business metrics (meter and activity source <c>VisionTracker</c>), exported by
/// OpenTelemetry next to ASP.NET Core's and EF Core's. Counters count what this instance did; a dashboard sums the
/// instances (e.g. check-ins per minute: <c>sum(rate(visiontracker_checkins_total[5m])) * 60</c>).
/// </summary>
public sealed class VisionTrackerMetrics
{
    public const string Name = "VisionTracker";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> checkIns;
    private readonly Histogram<double> jobDuration;
    private readonly Counter<long> jobFailures;
    private readonly Counter<long> emailsSent;
    private readonly Counter<long> emailsFailed;

    public VisionTrackerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        checkIns = meter.CreateCounter<long>("visiontracker.checkins", "{check-in}", "Check-ins stored (a replayed Idempotency-Key is not counted again).");
        jobDuration = meter.CreateHistogram<double>("visiontracker.job.duration", "s", "How long each run of a recurring job took, by job and outcome.");
        jobFailures = meter.CreateCounter<long>("visiontracker.job.failures", "{run}", "Runs of a recurring job that failed (Hangfire retries them).");
        emailsSent = meter.CreateCounter<long>("visiontracker.emails.sent", "{e-mail}", "E-mails handed to the SMTP server.");
        emailsFailed = meter.CreateCounter<long>("visiontracker.emails.failed", "{e-mail}", "Failed e-mail attempts; final=true when the e-mail was given up.");
    }

    public void CheckInStored(string subject) => checkIns.Add(1, new KeyValuePair<string, object?>("subject", subject));

    public void JobRan(string jobId, TimeSpan duration, bool failed)
    {
        var job = new KeyValuePair<string, object?>("job", jobId);
        jobDuration.Record(duration.TotalSeconds, job, new KeyValuePair<string, object?>("outcome", failed ? "failure" : "success"));
        if (failed)
        {
            jobFailures.Add(1, job);
        }
    }

    public void EmailSent() => emailsSent.Add(1);

    public void EmailFailed(bool final) => emailsFailed.Add(1, new KeyValuePair<string, object?>("final", final));
}
