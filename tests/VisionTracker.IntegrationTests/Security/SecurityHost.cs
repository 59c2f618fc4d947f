using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Security;

/// <summary>One service for a test class that also reads what the service logged.</summary>
public sealed class LoggedService : IAsyncLifetime
{
    public VisionTrackerFactory Factory { get; } = new() { CaptureLogs = true };

    public Task InitializeAsync() => Factory.InitializeAsync();

    public Task DisposeAsync() => Factory.DisposeAsync();
}
