using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace VisionTracker.Infrastructure.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide while its logger factory belongs to one host. Where several hosts share a
/// process (the tests start and stop many), a stopped host's factory may still be the provider when another host's
/// storage or server asks for a logger; that logger then says nothing instead of failing the start with
/// ObjectDisposedException. One host per process (production) logs exactly as Hangfire's own provider does.
/// </summary>
public sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
