namespace VisionTracker.Application.Security;

/// <summary>
/// Names the actor of work no person started (a scheduled job): the audit trail records it beside the command, since
/// there is no person id to record. Scoped: a job's DI scope becomes the system before it sends its commands.
/// </summary>
public sealed class SystemActor
{
    public string? Name { get; private set; }

    public static string ForJob(string jobId) => $"system:job:{jobId}";

    public void Become(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }
}
