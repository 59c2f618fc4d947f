using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VisionTracker.IntegrationTests.Support;

/// <summary>Every log entry a host writes (level, category, message, exception), for tests about what the service logs.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogRecord> records = new();

    public IReadOnlyList<LogRecord> Records => records.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, records);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogRecord> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                records.Enqueue(new LogRecord(logLevel, category, formatter(state, exception), exception));
            }
        }
    }
}

public sealed record LogRecord(LogLevel Level, string Category, string Message, Exception? Exception);
