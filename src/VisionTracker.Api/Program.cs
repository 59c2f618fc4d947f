using System.Text.Json.Serialization;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Console;
using Scalar.AspNetCore;
using VisionTracker.Api.Auth;
using VisionTracker.Api.Endpoints;
using VisionTracker.Api.Errors;
using VisionTracker.Api.Http;
using VisionTracker.Api.Jobs;
using VisionTracker.Api.Logging;
using VisionTracker.Api.Operations;
using VisionTracker.Api.Reporting;
using VisionTracker.Api.Telemetry;
using VisionTracker.Application;
using VisionTracker.Application.Common;
using VisionTracker.Application.Common.Behaviours;
using VisionTracker.Application.Security;
using VisionTracker.Infrastructure;
using VisionTracker.Infrastructure.Persistence;
using VisionTracker.Web;

var (operation, serviceArgs) = OperationsCommand.Parse(args);
var builder = WebApplication.CreateBuilder(serviceArgs);

builder.WebHost.ConfigureKestrel(k =>
{
    k.Limits.MaxRequestBodySize = RequestBodyLimit.Of(builder.Configuration);
    k.AddServerHeader = false;
});

builder.Logging.AddConsoleFormatter<SafeConsoleFormatter, SimpleConsoleFormatterOptions>();
builder.Services.PostConfigure<ConsoleLoggerOptions>(o => o.FormatterName = o.FormatterName is null or ConsoleFormatterNames.Simple ? SafeConsoleFormatter.FormatterName : o.FormatterName);

builder.AddTelemetry();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();
builder.Services.AddApplication(builder.Configuration);
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddMediator((MediatorOptions o) =>
{
    o.ServiceLifetime = ServiceLifetime.Scoped;
    o.Assemblies = [typeof(CommandContext)];
    o.PipelineBehaviors = [typeof(TelemetryBehavior<,>), typeof(ValidationBehavior<,>), typeof(UnitOfWorkBehavior<,>)];
});

builder.Services.AddTransportSecurity(builder.Configuration);
builder.Services.AddRateLimits(builder.Configuration);
builder.Services.AddApiAuthentication(builder.Configuration);
builder.Services.AddAuthorization();
builder.Services.AddJobsDashboard();
builder.Services.AddReporting(builder.Configuration);
builder.AddWebApp();

builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
    o.SerializerOptions.Converters.Add(new NulFreeStringConverter());
    o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
});
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = 1_048_576);
builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
{
    c.ProblemDetails.Instance ??= $"{c.HttpContext.Request.Method} {c.HttpContext.Request.Path}";
    c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier;
});
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
{
    doc.Info.Title = "VisionTracker API";
    doc.Info.Description = "From the city vision 'Fortællingen om Aarhus' to each leader's actions: goals, key results, actions, check-ins and roll-ups. "
        + "Authenticate with a personal API token as 'Authorization: Bearer <token>' or as the password of HTTP Basic, "
        + "or, where single sign-on is configured (Sso:*), with an access token (JWT) from the organisation's identity provider as 'Authorization: Bearer <jwt>'. "
        + "Reporting reads (Excel, Power BI) have a read-only OData v4 feed at /odata, described by /odata/$metadata rather than here. "
        + "Errors are RFC 9457 problem details in the caller's language (the signed-in person's preference, else Accept-Language 'da' or 'en', else Danish), "
        + "named in Content-Language; the 'code' member (and 'fieldCodes' beside field errors) is stable and the same in every language.";
    return Task.CompletedTask;
}));

var app = builder.Build();
if (operation is not null)
{
    return await operation.RunAsync(app);
}

// The database is brought to the current schema (DatabaseInitializer: the EF Core model, the migration check, the admin
// and the key ring) on another thread while this one builds the request pipeline and its endpoints; the jobs and the
// listener start only once it has finished, and a failure stops the start as before.
var databaseReady = Task.Run(async () =>
{
    using var scope = app.Services.CreateScope();
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
});

app.UseTransportSecurity();
app.UseExceptionHandler();
app.UseTelemetry();
app.UseStatusCodePages(ODataErrors.StatusCodePageAsync);
app.UseWebAppStatusPages();
app.UseRouting();
app.UseRequestBodyLimit();
app.UseBrowserRules();
app.UseFailedAuthenticationThrottle();
app.UseAuthentication();
app.UseCallerCulture();
app.UseUnknownPeopleRefused();
app.UseReadOnlyTokens();
app.UseRateLimits();
app.UseAuthorization();
app.UseWebApp();
app.UseReadTimeLimits();

app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference().AllowAnonymous();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();

app.MapVisionEndpoints();
app.MapOrgUnitsEndpoints();
app.MapPeopleEndpoints();
app.MapPeriodsEndpoints();
app.MapGoalsEndpoints();
app.MapCollaborationsEndpoints();
app.MapKeyResultsEndpoints();
app.MapActionsEndpoints();
app.MapCheckInsEndpoints();
app.MapFoundationsEndpoints();
app.MapReflectionsEndpoints();
app.MapAuditEndpoints();

app.MapNotificationsEndpoints();
app.MapCalendarEndpoints();
app.MapReporting();
app.MapWebApp();
FixedEndpoints.BuildOnce(app);

await databaseReady;
app.UseJobs();

await app.RunAsync();
return 0;

public partial class Program;
