using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Net;
using OpenTelemetry.Trace;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Operations;

/// <summary>Traces through OpenTelemetry's in-memory exporter, and the Prometheus endpoint for administrators.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Request_WithTracingOn_IsOneTraceWithItsMediatorAndDatabaseSpans()
    {
        var spans = new Spans();
        await using var factory = new VisionTrackerFactory
        {
            Settings = { ["Telemetry:Tracing"] = "true" },
            ExtraServices = services => services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)),
        };
        await factory.InitializeAsync();
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/themes");
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        (await factory.Admin.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var server = await spans.WaitForAsync(a => a.TraceId == traceId && a.Kind == ActivityKind.Server);
        var trace = spans.Snapshot().Where(a => a.TraceId == traceId).ToList();
        server.GetTagItem("http.route").ShouldBe("/api/themes/");
        var messages = trace.Where(a => a.Source.Name == "VisionTracker").ToList();
        var query = messages.Single(a => a.DisplayName == "GetActiveThemesQuery");
        query.ParentSpanId.ShouldBe(server.SpanId);
        var database = trace.Where(a => a.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal)).ToList();
        database.ShouldContain(d => d.ParentSpanId == query.SpanId, "the query's database spans");
        database.ShouldAllBe(d => d.Kind == ActivityKind.Client && messages.Any(m => m.SpanId == d.ParentSpanId));
    }

    [Fact]
    public async Task MetricsEndpoint_ForAnAdministrator_IsPrometheusTextAndClosedToOthers()
    {
        await using var factory = new VisionTrackerFactory();
        await factory.InitializeAsync();
        using var anonymous = factory.CreateClient();

        var refused = await anonymous.GetAsync(new Uri("/metrics", UriKind.Relative));
        var metrics = await factory.Admin.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        metrics.ShouldContain("# TYPE http_server_request_duration_seconds histogram");
    }

    /// <summary>The exporter adds from the server's threads while the test reads.</summary>
    private sealed class Spans : Collection<Activity>
    {
        private readonly Lock gate = new();

        public List<Activity> Snapshot()
        {
            lock (gate)
            {
                return [.. this];
            }
        }

        public async Task<Activity> WaitForAsync(Func<Activity, bool> match)
        {
            // The server's span ends just after the response has been written.
            for (var i = 0; i < 100; i++)
            {
                if (Snapshot().FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                await Task.Delay(50);
            }

            throw new TimeoutException("No such span was exported.");
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (gate)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
