using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using VisionTracker.Api.Jobs;
using VisionTracker.Application.Common.Telemetry;

namespace VisionTracker.Api.Telemetry;

/// <summary>The <c>Telemetry</c> section. OTLP itself is configured the standard way (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, …).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Traces are recorded when an OTLP endpoint is configured, or when this is on (tests, a local exporter).</summary>
    public bool Tracing { get; set; }

    /// <summary>Share of traces kept at their root (a caller's sampled <c>traceparent</c> is always followed).</summary>
    public double SampleRatio { get; set; } = 1.0;

    public PrometheusEndpointOptions Prometheus { get; set; } = new();
}

public sealed class PrometheusEndpointOptions
{
    public bool Enabled { get; set; } = true;

    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// Empty: the endpoint answers on the service's own port, to administrators of the whole organisation only. A port
    /// (one of those in <c>Urls</c>): it answers there without credentials, and that port serves nothing but metrics and health.
    /// </summary>
    public int? Port { get; set; }
}

public static class TelemetryRegistration
{
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.Configure<TelemetryOptions>(builder.Configuration.GetSection(TelemetryOptions.Section));
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("visiontracker", serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(m =>
            {
                m.AddMeter(VisionTrackerMetrics.Name, "Microsoft.EntityFrameworkCore", "Npgsql")
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation();
                if (options.Prometheus.Enabled)
                {
                    m.AddPrometheusExporter();
                }
            });

        if (options.Tracing || otlp)
        {
            telemetry.WithTracing(t => t
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(Math.Clamp(options.SampleRatio, 0, 1))))
                .AddSource(VisionTrackerMetrics.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !IsProbe(c, options))
                .AddEntityFrameworkCoreInstrumentation());
        }

        if (otlp)
        {
            telemetry.WithLogging().UseOtlpExporter();
        }

        // JSON logs carry the trace and span ids (in their scopes) unless a deployment turns scopes off explicitly.
        builder.Services.Configure<JsonConsoleFormatterOptions>(o =>
            o.IncludeScopes = builder.Configuration.GetValue("Logging:Console:FormatterOptions:IncludeScopes", true));
        return builder;
    }

    /// <summary>The Prometheus endpoint; call early in the pipeline (a metrics port short-circuits before authentication).</summary>
    public static WebApplication UseTelemetry(this WebApplication app)
    {
        var options = app.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Prometheus.Enabled)
        {
            return app;
        }

        if (options.Prometheus.Port is { } port)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(c => c.Connection.LocalPort == port && c.Request.Path == options.Prometheus.Path);
            app.UseWhen(c => c.Connection.LocalPort == port && !c.Request.Path.StartsWithSegments("/health"), other => other.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }));
        }
        else
        {
            app.MapPrometheusScrapingEndpoint(options.Prometheus.Path).RequireAuthorization(JobsDashboard.PolicyName);
        }

        return app;
    }

    private static bool IsProbe(HttpContext context, TelemetryOptions options) =>
        context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments(options.Prometheus.Path);
}
