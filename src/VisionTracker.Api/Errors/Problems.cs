using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using VisionTracker.Domain.Common;
using VisionTracker.Web;

namespace VisionTracker.Api.Errors;

/// <summary>
/// Problems in the caller's language (<see cref="CallerCulture"/>): the title says what kind of failure it is, the detail
/// what went wrong, both from ErrorTexts; the <c>code</c> member names the failure for programs and never changes with
/// the language.
/// </summary>
public static class Problems
{
    public const string CodeMember = "code";

    public static ProblemDetails Create(CultureInfo culture, int status, string code, params object?[] arguments) =>
        WithCode(new ProblemDetails { Status = status, Title = Title(culture, status), Detail = ErrorMessage.Format(code, culture, arguments) }, code);

    /// <summary>A problem for a request, in its caller's language.</summary>
    public static async ValueTask<ProblemDetails> CreateAsync(HttpContext http, int status, string code, params object?[] arguments) =>
        Create(await CallerCulture.OfAsync(http), status, code, arguments);

    public static T WithCode<T>(T problem, string code)
        where T : ProblemDetails
    {
        problem.Extensions[CodeMember] = code;
        return problem;
    }

    public static string Title(CultureInfo culture, int status) =>
        ErrorMessage.Format(StatusNames.ContainsKey(status) ? $"Status{status}" : status >= 500 ? "StatusOther5xx" : "StatusOther4xx", culture, []);

    /// <summary>The language-neutral code of a failure known only by its status.</summary>
    public static string StatusCode(int status) => StatusNames.GetValueOrDefault(status) ?? (status >= 500 ? "ServerError" : "RequestFailed");

    private static readonly Dictionary<int, string> StatusNames = new()
    {
        [400] = "BadRequest",
        [401] = "Unauthorized",
        [403] = "Forbidden",
        [404] = "NotFound",
        [405] = "MethodNotAllowed",
        [406] = "NotAcceptable",
        [408] = "RequestTimeout",
        [409] = "Conflict",
        [411] = "LengthRequired",
        [412] = "PreconditionFailed",
        [413] = nameof(ErrorTexts.BodyTooLarge),
        [414] = "UriTooLong",
        [415] = "UnsupportedMediaType",
        [422] = "UnprocessableContent",
        [429] = "TooManyRequests",
        [431] = "RequestHeaderFieldsTooLarge",
        [500] = "InternalError",
        [501] = "NotImplemented",
        [503] = "ServiceUnavailable",
    };
}
