namespace VisionTracker.Application.Common;

/// <summary>Names the command being handled in this scope, for the audit trail.</summary>
public sealed class CommandContext
{
    public string Name { get; set; } = "System";
}
