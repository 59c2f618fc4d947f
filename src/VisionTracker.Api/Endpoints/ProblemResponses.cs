namespace VisionTracker.Api.Endpoints;

/// <summary>
/// The RFC 9457 problems an endpoint can answer, declared for the OpenAPI document so generated clients know them:
/// 400 bad input (field errors, a malformed header or query), 401 no valid token, 403 no right inside the caller's
/// scope, 404 missing or outside it, 409 a rule of the current state or a concurrent change, 412 a stale If-Match. Each
/// problem has a stable <c>code</c> and texts in the caller's language (see the document's description).
/// </summary>
public static class ProblemResponses
{
    public static TBuilder Problems<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            if (status == StatusCodes.Status400BadRequest)
            {
                builder.ProducesValidationProblem();
            }
            else
            {
                builder.ProducesProblem(status);
            }
        }

        return builder;
    }
}
