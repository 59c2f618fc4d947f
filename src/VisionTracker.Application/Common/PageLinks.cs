using Microsoft.Extensions.Options;

namespace VisionTracker.Application.Common;

/// <summary>The one place the paths of people-facing pages are written (see <see cref="IPageLinks"/>).</summary>
public sealed class PageLinks(IOptions<PublicLinkOptions> options) : IPageLinks
{
    public string? MyWork() => To("/");

    public string? VisionTree() => To("/vision");

    public string? Goal(Guid goalId) => To($"/goals/{goalId}");

    public string? KeyResult(Guid goalId, Guid keyResultId) => To($"/goals/{goalId}#kr-{keyResultId}");

    public string? Action(Guid goalId, Guid actionId) => To($"/goals/{goalId}#action-{actionId}");

    public string? Department(Guid unitId) => To($"/departments/{unitId}");

    public string? IncomingCollaboration(Guid unitId, Guid collaborationId) => To($"/departments/{unitId}#incoming-{collaborationId:N}");

    public string? Foundation() => To("/foundation");

    public string? Notifications() => To("/notifications");

    public string? Admin() => To("/admin");

    private string? To(string path) =>
        string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? null : options.Value.PublicBaseUrl.TrimEnd('/') + path;
}

/// <summary>Where people open the service (configuration <c>App:PublicBaseUrl</c>); without it messages carry no links.</summary>
public sealed class PublicLinkOptions
{
    public const string Section = "App";

    public string? PublicBaseUrl { get; set; }
}
