namespace VisionTracker.Infrastructure.Operations;

/// <summary>An operator's command cannot run as asked (wrong database, target not empty, file exists): the message says what to do.</summary>
public sealed class OperationsException(string message) : Exception(message);
