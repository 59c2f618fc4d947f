using System.Globalization;
using Microsoft.Net.Http.Headers;
using VisionTracker.Domain.Common;

namespace VisionTracker.Api.Http;

/// <summary>Versions travel as strong ETags ("3"); an update may carry the version it read as If-Match.</summary>
public static class HttpConcurrency
{
    public static string ETagOf(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void SetETag(this HttpContext context, int version) =>
        context.Response.Headers.ETag = ETagOf(version);

    /// <summary>The version named by If-Match, null when absent or "*"; a malformed header is a 400.</summary>
    public static int? IfMatchVersion(this HttpRequest request)
    {
        var raw = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(raw) || raw.Trim() == "*")
        {
            return null;
        }

        if (EntityTagHeaderValue.TryParse(raw.Trim(), out var tag) && !tag.IsWeak
            && int.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }

        throw new BadHttpRequestException(ErrorMessage.Format(nameof(ErrorTexts.IfMatchInvalid), CultureInfo.CurrentUICulture, [raw]));
    }
}
