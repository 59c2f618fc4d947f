namespace VisionTracker.Application.Common;

/// <summary>The resource does not exist, or the caller may not know that it does (404).</summary>
public sealed class NotFoundException(string resource, object id)
    : Exception($"{resource} '{id}' was not found.");

/// <summary>The caller can see the resource but may not do this to it (403).</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The If-Match version is not the current one (412).</summary>
public sealed class PreconditionFailedException(int expected, int current)
    : Exception($"The resource has changed: If-Match named version {expected}, the current version is {current}. Read it again and retry.")
{
    public int CurrentVersion { get; } = current;
}
