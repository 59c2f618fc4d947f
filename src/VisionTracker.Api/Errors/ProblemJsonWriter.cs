using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using VisionTracker.Domain.Common;
using VisionTracker.Web;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace VisionTracker.Api.Errors;

/// <summary>
/// Writes every problem of the service as application/problem+json, whatever the request's Accept says: the framework's
/// own writer declines a client that does not accept JSON, and a status code page with no writer was a 500 with an empty
/// body. Titles of bare statuses are in the caller's language (<see cref="Problems"/>), the answer names it in
/// Content-Language, and every problem has a language-neutral <c>code</c>. Every text passes <see cref="ErrorText.Scrub"/> on its way out.
/// </summary>
public sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> options, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        var culture = await CallerCulture.OfAsync(http);
        problem.Status ??= http.Response.StatusCode;
        problem.Type ??= TypeOf(problem.Status.Value);
        problem.Title ??= Problems.Title(culture, problem.Status.Value);
        problem.Extensions.TryAdd(Problems.CodeMember, Problems.StatusCode(problem.Status.Value));
        if (problem.Status == StatusCodes.Status413RequestEntityTooLarge)
        {
            // The body limit (RequestBodyLimit, and Kestrel's) reaches the client as a bare 413 from the endpoint's body reading: same words as the handler's.
            problem.Detail ??= ErrorMessage.Format(nameof(ErrorTexts.BodyTooLarge), culture, []);
        }

        options.Value.CustomizeProblemDetails?.Invoke(context);

        problem.Title = ErrorText.Scrub(problem.Title);
        problem.Detail = problem.Detail is null ? null : ErrorText.Scrub(problem.Detail);
        if (problem is HttpValidationProblemDetails validation)
        {
            foreach (var key in validation.Errors.Keys.ToList())
            {
                validation.Errors[key] = validation.Errors[key].Select(ErrorText.Scrub).ToArray();
            }
        }

        foreach (var (key, value) in problem.Extensions.Where(e => e.Value is string).ToList())
        {
            problem.Extensions[key] = ErrorText.Scrub((string)value!);
        }

        http.Response.Headers.ContentLanguage = culture.Name;
        await http.Response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, ContentType, http.RequestAborted);
    }

    private static string TypeOf(int status) => status == 429
        ? "https://tools.ietf.org/html/rfc6585#section-4"
        : $"https://tools.ietf.org/html/rfc9110#section-{Section(status)}";

    private static string Section(int status) => status switch
    {
        400 => "15.5.1",
        401 => "15.5.2",
        403 => "15.5.4",
        404 => "15.5.5",
        405 => "15.5.6",
        406 => "15.5.7",
        408 => "15.5.9",
        409 => "15.5.10",
        411 => "15.5.12",
        412 => "15.5.13",
        413 => "15.5.14",
        414 => "15.5.15",
        415 => "15.5.16",
        422 => "15.5.21",
        501 => "15.6.2",
        503 => "15.6.4",
        _ => status >= 500 ? "15.6.1" : "15.5.1",
    };
}
