using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace VisionTracker.Api.Logging;

/// <summary>
/// The console format of the service (<c>Logging:Console:FormatterName = safe</c>): the simple format, with every control
/// character and direction override in a logged value escaped. Values come from requests (paths, queries, headers); a
/// newline there must not forge a log line, nor an escape sequence repaint a terminal. It writes no colours.
/// </summary>
public sealed class SafeConsoleFormatter : ConsoleFormatter, IDisposable
{
    public const string FormatterName = "safe";

    private readonly IDisposable? reload;
    private SimpleConsoleFormatterOptions options;

    public SafeConsoleFormatter(IOptionsMonitor<SimpleConsoleFormatterOptions> options)
        : base(FormatterName)
    {
        this.options = options.CurrentValue;
        reload = options.OnChange(o => this.options = o);
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var current = options;
        var line = new StringBuilder();
        if (current.TimestampFormat is { } format)
        {
            var now = current.UseUtcTimestamp ? DateTimeOffset.UtcNow : DateTimeOffset.Now;
            line.Append(now.ToString(format, CultureInfo.InvariantCulture));
        }

        line.Append(Level(logEntry.LogLevel)).Append(": ").Append(logEntry.Category)
            .Append('[').Append(logEntry.EventId.Id.ToString(CultureInfo.InvariantCulture)).Append(']');
        line.Append(current.SingleLine ? " " : Environment.NewLine + "      ");
        line.Append(Escape(message));
        if (logEntry.Exception is { } exception)
        {
            // A stack trace keeps its lines where lines are wanted; everything else in it is escaped like a message.
            var text = exception.ToString();
            line.Append(current.SingleLine
                ? " " + Escape(text)
                : Environment.NewLine + string.Join(Environment.NewLine, text.Split('\n').Select(l => Escape(l.TrimEnd('\r')))));
        }

        textWriter.Write(line.Append(Environment.NewLine).ToString());
    }

    /// <summary>The text with C0 and C1 controls, DEL, line and paragraph separators and bidirectional controls escaped.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(NeedsEscape))
        {
            return text ?? "";
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when NeedsEscape(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    public void Dispose() => reload?.Dispose();

    private static bool NeedsEscape(char c) =>
        c < ' ' || c is >= '\u007f' and <= '\u009f' || c is '\u2028' or '\u2029' or '\u200e' or '\u200f' or '\u061c'
        || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069';

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
