namespace VisionTracker.Domain.Common;

/// <summary>A command that the domain refuses in the entity's current state (an HTTP 409).</summary>
public sealed class DomainRuleException(string code, params object?[] arguments) : CodedException(code, arguments);
