using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace VisionTracker.Infrastructure.Jobs;

/// <summary>One log line per notification job run: what it did and how long it took (the figure operations watch).</summary>
internal static class ReminderJobLog
{
    public static async Task RunAsync<T>(ILogger logger, string jobId, Func<Task<T>> run)
    {
        var watch = Stopwatch.StartNew();
        var result = await run();
        logger.LogInformation("Job {JobId} finished in {ElapsedMs} ms: {Result}", jobId, watch.ElapsedMilliseconds, result);
    }
}
