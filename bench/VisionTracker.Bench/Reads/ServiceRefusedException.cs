namespace VisionTracker.Bench.Reads;

/// <summary>The service answered a read with an error status (the message says which and why).</summary>
public sealed class ServiceRefusedException(string message) : Exception(message);
