using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Api.Reporting;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Common;
using VisionTracker.Infrastructure.Persistence;
using VisionTracker.Web;

namespace VisionTracker.Api.Errors;

/// <summary>
/// Maps every exception to an RFC 9457 problem (an OData error under /odata); only the unexpected ones are 500s, and
/// they carry no stack trace. Texts are in the caller's language; the <c>code</c> member is the exception's own code. The client's mistakes are logged as warnings without a stack trace, ours as errors with one.
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
        var culture = await CallerCulture.OfAsync(httpContext);
        var problem = exception switch
        {
            ValidationException v => Validation(culture, v),
            BadHttpRequestException { StatusCode: 413 } => Problems.Create(culture, 413, nameof(ErrorTexts.BodyTooLarge)),
            BadHttpRequestException b => Bad(culture, b),
            DomainRuleException d => Problems.WithCode(new ProblemDetails { Status = 409, Title = ErrorMessage.Format(nameof(ErrorTexts.DomainRuleTitle), culture, []), Detail = d.MessageIn(culture) }, d.Code),
            PreconditionFailedException p => Precondition(culture, p),
            NotFoundException n => Coded(culture, 404, n),
            ForbiddenException f => Coded(culture, 403, f),
            // The If-Match version was current when read, but another instance's update committed first: the precondition failed.
            DbUpdateConcurrencyException when httpContext.Request.Headers.IfMatch.Count > 0 => Problems.Create(culture, 412, nameof(ErrorTexts.ConcurrencyIfMatch)),
            DbUpdateConcurrencyException => Problems.Create(culture, 409, nameof(ErrorTexts.ConcurrencyConflict)),
            DbUpdateException { InnerException: var inner } when DatabaseErrors.IsConstraintViolation(inner) => Problems.Create(culture, 409, nameof(ErrorTexts.ConstraintConflict)),

            // The feed's routing parses keys and function parameters before any controller runs (ThemeProgressAsOf(date='x')).
            _ when odata && ODataQueryErrors.Explain(exception) is { } reason => Problems.WithCode(new ProblemDetails { Status = 400, Title = "BadQuery", Detail = reason }, "BadQuery"),
            _ => null,
        };

        if (problem is null)
        {
            LogUnexpected(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = Problems.Create(culture, 500, nameof(ErrorTexts.UnexpectedError));
        }
        else
        {
            LogClientError(logger, httpContext.Request.Method, httpContext.Request.Path, problem.Status!.Value, exception.GetType().Name, problem.Detail);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (odata)
        {
            var code = problem.Status == 500 ? "InternalError" : problem.Title == "BadQuery" ? "BadQuery" : "BadRequest";
            await ODataErrors.WriteInAsync(httpContext, problem.Status.Value, code, problem.Detail ?? problem.Title ?? "", culture);
            return true;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>Field errors in the caller's language (the validators ran in it), with each failure's stable code beside them.</summary>
    private static HttpValidationProblemDetails Validation(CultureInfo culture, ValidationException v)
    {
        var fields = v.Errors.GroupBy(e => ToCamel(e.PropertyName)).ToList();
        var problem = new HttpValidationProblemDetails(fields.ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()))
        {
            Status = 400,
            Title = ErrorMessage.Format(nameof(ErrorTexts.ValidationTitle), culture, []),
        };
        problem.Extensions["fieldCodes"] = fields.ToDictionary(g => g.Key, g => g.Select(e => e.ErrorCode).Distinct().ToArray());
        return Problems.WithCode(problem, "ValidationFailed");
    }

    private static ProblemDetails Bad(CultureInfo culture, BadHttpRequestException b)
    {
        var (code, detail) = ErrorText.Explain(b, culture);
        return Problems.WithCode(new ProblemDetails { Status = b.StatusCode, Title = Problems.Title(culture, b.StatusCode), Detail = detail }, code);
    }

    private static ProblemDetails Coded(CultureInfo culture, int status, CodedException c) =>
        Problems.WithCode(new ProblemDetails { Status = status, Title = Problems.Title(culture, status), Detail = c.MessageIn(culture) }, c.Code);

    private static ProblemDetails Precondition(CultureInfo culture, PreconditionFailedException p)
    {
        var problem = Problems.WithCode(new ProblemDetails { Status = 412, Title = Problems.Title(culture, 412), Detail = p.MessageIn(culture) }, p.Code);
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
