using System.Globalization;
using Microsoft.AspNetCore.OData.Abstracts;
using Microsoft.Net.Http.Headers;
using VisionTracker.Api.Http;

namespace VisionTracker.Api.Reporting;

/// <summary>
/// @odata.etag is the REST API's ETag of the same resource ("3" for version 3), so an ETag read from the feed can be
/// sent as If-Match to the REST API.
/// </summary>
public sealed class VersionETagHandler : IETagHandler
{
    public EntityTagHeaderValue? CreateETag(IDictionary<string, object>? properties, TimeZoneInfo? timeZoneInfo = null) =>
        properties?.Values.SingleOrDefault() is int version ? new EntityTagHeaderValue(HttpConcurrency.ETagOf(version)) : null;

    public IDictionary<string, object> ParseETag(EntityTagHeaderValue etagHeaderValue)
    {
        ArgumentNullException.ThrowIfNull(etagHeaderValue);
        return int.TryParse(etagHeaderValue.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? new Dictionary<string, object> { ["Version"] = version }
            : new Dictionary<string, object>();
    }
}
