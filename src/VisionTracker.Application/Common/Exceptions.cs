using VisionTracker.Domain.Common;

namespace VisionTracker.Application.Common;

/// <summary>The resource does not exist, or the caller may not know that it does (404).</summary>
public sealed class NotFoundException(string resource, object id)
    : CodedException(nameof(ErrorTexts.NotFound), [ResourceName(resource), id])
{
    public string Resource { get; } = resource;

    /// <summary>A resource's name in the caller's language (ResourceGoal, …); a resource without a text keeps its own name.</summary>
    public static object ResourceName(string resource) =>
        ErrorTexts.ResourceManager.GetString("Resource" + resource, ErrorMessage.Danish) is null ? resource : new ErrorPart("Resource" + resource);
}

/// <summary>The caller can see the resource but may not do this to it (403).</summary>
public sealed class ForbiddenException(string code, params object?[] arguments) : CodedException(code, arguments);

/// <summary>The If-Match version is not the current one (412).</summary>
public sealed class PreconditionFailedException(int expected, int current)
    : CodedException(nameof(ErrorTexts.PreconditionFailed), [expected, current])
{
    public int CurrentVersion { get; } = current;
}
