using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Api.Reporting;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Common;
using VisionTracker.Infrastructure.Persistence;

namespace VisionTracker.Api.Errors;

/// <summary>
/// Maps every exception to an RFC 9457 problem (an OData error under /odata); only the unexpected ones are 500s, and
/// they carry no stack trace. The client's mistakes are logged as warnings without a stack trace, ours as errors with one.
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.RequestAborted.IsCancellationRequested)
        {
            return true;
        }

        var odata = ODataErrors.IsODataRequest(httpContext);
        var problem = exception switch
        {
            ValidationException v => Validation(v),
            BadHttpRequestException b => new ProblemDetails { Status = b.StatusCode, Title = "The request is malformed.", Detail = ErrorText.Explain(b) },
            NotFoundException => new ProblemDetails { Status = 404, Title = "Not found.", Detail = exception.Message },
            ForbiddenException => new ProblemDetails { Status = 403, Title = "Forbidden.", Detail = exception.Message },
            DomainRuleException => new ProblemDetails { Status = 409, Title = "The change is not allowed in the current state.", Detail = exception.Message },
            PreconditionFailedException p => Precondition(p),
            // The If-Match version was current when read, but another instance's update committed first: the precondition failed.
            DbUpdateConcurrencyException when httpContext.Request.Headers.IfMatch.Count > 0 => new ProblemDetails
            {
                Status = 412,
                Title = "Precondition failed.",
                Detail = "The resource was changed by another request while this one was being saved, so If-Match no longer names the current version. Read it again and retry.",
            },
            DbUpdateConcurrencyException => new ProblemDetails { Status = 409, Title = "Conflict.", Detail = "Someone else changed this resource at the same time. Read it again and retry." },
            DbUpdateException { InnerException: var inner } when DatabaseErrors.IsConstraintViolation(inner) =>
                new ProblemDetails { Status = 409, Title = "Conflict.", Detail = "The change conflicts with data that already exists (a duplicate or a missing reference)." },

            // The feed's routing parses keys and function parameters before any controller runs (ThemeProgressAsOf(date='x')).
            _ when odata && ODataQueryErrors.Explain(exception) is { } reason => new ProblemDetails { Status = 400, Title = "BadQuery", Detail = reason },
            _ => null,
        };

        if (problem is null)
        {
            LogUnexpected(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails { Status = 500, Title = "An unexpected error occurred.", Detail = "The error has been logged; quote the trace id when you report it." };
        }
        else
        {
            LogClientError(logger, httpContext.Request.Method, httpContext.Request.Path, problem.Status!.Value, exception.GetType().Name, problem.Detail);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (odata)
        {
            var code = problem.Status == 500 ? "InternalError" : problem.Title == "BadQuery" ? "BadQuery" : "BadRequest";
            await ODataErrors.WriteAsync(httpContext, problem.Status.Value, code, problem.Detail ?? problem.Title ?? "The request failed.");
            return true;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static HttpValidationProblemDetails Validation(ValidationException v) => new(
        v.Errors.GroupBy(e => ToCamel(e.PropertyName)).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()))
    {
        Status = 400,
        Title = "One or more fields are invalid.",
    };

    private static ProblemDetails Precondition(PreconditionFailedException p)
    {
        var problem = new ProblemDetails { Status = 412, Title = "Precondition failed.", Detail = p.Message };
        problem.Extensions["currentVersion"] = p.CurrentVersion;
        return problem;
    }

    private static string ToCamel(string name) =>
        string.Join('.', name.Split('.').Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]));

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Method} {Path} answered {Status} ({Reason}): {Detail}")]
    private static partial void LogClientError(ILogger logger, string method, string path, int status, string reason, string? detail);
}
