using System.Diagnostics;
using Mediator;
using VisionTracker.Application.CheckIns;
using VisionTracker.Application.Common.Telemetry;

namespace VisionTracker.Application.Common.Behaviours;

/// <summary>
/// Outermost behaviour: one span per command or query (its database spans nest under it), and the check-in count
/// once the command, its figures and its transaction are done.
/// </summary>
public sealed class TelemetryBehavior<TMessage, TResponse>(VisionTrackerMetrics metrics) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string SpanName = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var activity = VisionTrackerMetrics.ActivitySource.StartActivity(SpanName);
        activity?.SetTag("visiontracker.message", SpanName);
        try
        {
            var response = await next(message, cancellationToken);
            if (response is CheckInResult { Replayed: false } result)
            {
                metrics.CheckInStored(result.CheckIn.KeyResultId is null ? "action" : "key_result");
            }

            return response;
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }
}
