using Microsoft.Extensions.Logging;
using VisionTracker.Infrastructure.Jobs;
using HangfireLogLevel = Hangfire.Logging.LogLevel;

namespace VisionTracker.UnitTests.Jobs;

/// <summary>Hangfire's process-wide log provider outliving the host whose logger factory it holds (tests start many hosts).</summary>
public sealed class HostLogProviderTests
{
    [Fact]
    public void ALogger_AskedForAfterItsHostsLoggerFactoryWasDisposed_IsSilentInsteadOfFailingTheCaller()
    {
        var factory = LoggerFactory.Create(_ => { });
        var provider = new HostLogProvider(factory);
        provider.GetLogger("Hangfire.Before").ShouldNotBeNull();

        factory.Dispose();

        var logger = Should.NotThrow(() => provider.GetLogger("Hangfire.InMemory.InMemoryStorage"));
        logger.Log(HangfireLogLevel.Error, () => "after the host stopped").ShouldBeFalse();
    }
}
