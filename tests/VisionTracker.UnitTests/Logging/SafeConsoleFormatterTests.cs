using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using VisionTracker.Api.Logging;

namespace VisionTracker.UnitTests.Logging;

/// <summary>OWASP API8:2023 Security Misconfiguration: a value from a request cannot forge a log line or repaint a terminal.</summary>
public sealed class SafeConsoleFormatterTests
{
    [Theory]
    [InlineData("/api/goals\nfail: forged line", "/api/goals\\nfail: forged line")]
    [InlineData("a\r\nb", "a\\r\\nb")]
    [InlineData("\u001b[31mred\u001b[0m", "\\u001b[31mred\\u001b[0m")]
    [InlineData("evil\u202Etxt.exe", "evil\\u202etxt.exe")]
    [InlineData("nul\0byte\u0085next\u2028line", "nul\\u0000byte\\u0085next\\u2028line")]
    [InlineData("Ærø – plain text", "Ærø – plain text")]
    public void Api8_SecurityMisconfiguration_ControlCharactersInALoggedValue_AreEscapedOnOneLine(string value, string expected)
    {
        var output = Write(LogLevel.Warning, $"GET {value} answered 404", null);

        output.TrimEnd('\n').ShouldNotContain('\n');
        output.ShouldContain($"GET {expected} answered 404");
        output.ShouldNotContain('\u001b');
    }

    [Fact]
    public void Api8_SecurityMisconfiguration_AnException_KeepsItsMessageEscapedOnTheLine()
    {
        var output = Write(LogLevel.Error, "Unhandled", new InvalidOperationException("bad\nvalue"));

        output.TrimEnd('\n').ShouldNotContain('\n');
        output.ShouldContain("bad\\nvalue");
        output.ShouldStartWith("fail: Test[7] Unhandled");
    }

    private static string Write(LogLevel level, string message, Exception? exception)
    {
        var options = new SimpleConsoleFormatterOptions { SingleLine = true, TimestampFormat = null };
        using var formatter = new SafeConsoleFormatter(new StaticMonitor(options));
        using var writer = new StringWriter();
        formatter.Write(new LogEntry<string>(level, "Test", new EventId(7), message, exception, (s, _) => s), null, writer);
        return writer.ToString();
    }

    private sealed class StaticMonitor(SimpleConsoleFormatterOptions value) : IOptionsMonitor<SimpleConsoleFormatterOptions>
    {
        public SimpleConsoleFormatterOptions CurrentValue => value;

        public SimpleConsoleFormatterOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<SimpleConsoleFormatterOptions, string?> listener) => null;
    }
}
