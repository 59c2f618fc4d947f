using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using VisionTracker.Bench.Data;

namespace VisionTracker.Bench.Service;

/// <summary>
/// The service as its own process: <c>dotnet VisionTracker.Api.dll</c> (Production, Kestrel on a free loopback port)
/// over the bench database, with JSON console logs the harness reads (the nightly job reports its time there). The
/// recurring jobs are registered but scheduled never (<c>Jobs:PauseSchedules</c>), so none runs by itself during a measurement; the harness
/// triggers the nightly run through the admin dashboard, as an operator would.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<JsonElement> logs = [];
    private readonly Lock gate = new();
    private readonly Queue<string> recent = new();
    private readonly Task stdout;
    private readonly Task stderr;

    private ServiceProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
        stdout = Task.Run(() => ReadAsync(process.StandardOutput));
        stderr = Task.Run(() => ReadAsync(process.StandardError));
    }

    public Uri Address { get; }

    public int Id => process.Id;

    /// <summary>The CPU the service process has used so far: user + system time (utime + stime of /proc/&lt;pid&gt;/stat).</summary>
    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>From starting the process to the first successful (authenticated, database-backed) answer.</summary>
    public TimeSpan StartToFirstAnswer { get; private set; }

    public static async Task<ServiceProcess> StartAsync(string apiDll, BenchDatabase database, string probeToken, CancellationToken ct)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(apiDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.GetFullPath(apiDll));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(address.ToString().TrimEnd('/'));
        foreach (var (key, value) in Settings(database))
        {
            info.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        var service = new ServiceProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start."), address);
        try
        {
            await service.WaitForFirstAnswerAsync(probeToken, ct);
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        service.StartToFirstAnswer = watch.Elapsed;
        return service;
    }

    private static Dictionary<string, string> Settings(BenchDatabase database)
    {
        var settings = new Dictionary<string, string>(database.ServiceSettings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["Seed__DemoData"] = "false",
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__Console__FormatterOptions__JsonWriterOptions__Indented"] = "false",
            ["Logging__Console__FormatterOptions__IncludeScopes"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__VisionTracker.Infrastructure.Jobs"] = "Information",
            ["Jobs__Server__PollInterval"] = "00:00:01",
            ["RateLimits__PerTokenPerMinute"] = "100000000",
            ["RateLimits__PerAddressPerMinute"] = "100000000",
            ["RateLimits__WritesPerPersonPerMinute"] = "100000000",
            ["Jobs__PauseSchedules"] = "true",
        };
        return settings;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitForFirstAnswerAsync(string token, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The service stopped with exit code {process.ExitCode}:\n{RecentLog}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/api/me", UriKind.Relative), ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // A first request slower than the client's timeout (a starved machine): ask again until the deadline.
            }

            await Task.Delay(20, ct);
        }

        throw new TimeoutException($"The service gave no successful answer within 3 minutes:\n{RecentLog}");
    }

    /// <summary>The peak resident set of the process so far (VmHWM in /proc), in bytes; null where /proc has none.</summary>
    public long? PeakWorkingSet() => Status("VmHWM:");

    /// <summary>The resident set of the process now (VmRSS in /proc), in bytes; null where /proc has none.</summary>
    public long? ResidentSet() => Status("VmRSS:");

    private long? Status(string field)
    {
        var status = $"/proc/{process.Id}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>
    /// Waits until the process uses less than a fifth of a core for two seconds running (at most <paramref name="limit"/>):
    /// requests a client gave up on may still be running in the service, and the next measurement should not pay for them.
    /// Returns how long it waited.
    /// </summary>
    public async Task<TimeSpan> WaitUntilIdleAsync(TimeSpan limit, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var quiet = 0;
        var last = CpuSeconds();
        while (last is not null && quiet < 2 && watch.Elapsed < limit)
        {
            await Task.Delay(1000, ct);
            var now = CpuSeconds();
            quiet = now - last < 0.2 ? quiet + 1 : 0;
            last = now;
        }

        return watch.Elapsed;
    }

    /// <summary>User and system CPU time of the process so far (/proc/PID/stat, in clock ticks of 1/100 s).</summary>
    public double? CpuSeconds()
    {
        var stat = $"/proc/{process.Id}/stat";
        if (process.HasExited || !File.Exists(stat))
        {
            return null;
        }

        var fields = File.ReadAllText(stat).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    public string RecentLog
    {
        get
        {
            lock (gate)
            {
                return string.Join('\n', recent);
            }
        }
    }

    /// <summary>The log entries written so far (JSON console format), from <paramref name="from"/> on.</summary>
    public IReadOnlyList<JsonElement> LogsFrom(int from)
    {
        lock (gate)
        {
            return logs.Skip(from).ToList();
        }
    }

    public int LogCount
    {
        get
        {
            lock (gate)
            {
                return logs.Count;
            }
        }
    }

    /// <summary>The service's error log entries after <paramref name="from"/>: the message's first line and the exception's innermost cause.</summary>
    public IReadOnlyList<string> ErrorsFrom(int from) => LogsFrom(from)
        .Where(e => e.TryGetProperty("LogLevel", out var level) && level.GetString() is "Error" or "Critical")
        .Select(e => Cut(e.GetProperty("Message").GetString()!.Split('\n')[0], 200) + Cause(e))
        .Distinct()
        .ToList();

    /// <summary>How many entries of <paramref name="level"/> the service has logged.</summary>
    public int Logged(string level) => LogsFrom(0).Count(e => e.TryGetProperty("LogLevel", out var l) && l.GetString() == level);

    /// <summary>
    /// The warnings and errors the service logged, grouped by category, message template and the first line of the
    /// exception (which names the cause, e.g. SQLite's "database is locked"), most frequent first.
    /// </summary>
    public IReadOnlyList<string> Complaints(int max) => LogsFrom(0)
        .Where(e => e.TryGetProperty("LogLevel", out var l) && l.GetString() is "Warning" or "Error" or "Critical")
        .Select(e =>
        {
            var template = e.TryGetProperty("State", out var state) && state.ValueKind == JsonValueKind.Object && state.TryGetProperty("{OriginalFormat}", out var f)
                ? f.GetString()! : e.GetProperty("Message").GetString()!;
            return $"{e.GetProperty("LogLevel").GetString()}: {e.GetProperty("Category").GetString()}: {Cut(template, 160)}{Cause(e)}";
        })
        .GroupBy(m => m)
        .OrderByDescending(g => g.Count())
        .Take(max)
        .Select(g => $"{g.Count()}× {g.Key}")
        .ToList();

    /// <summary>" — " and the innermost exception of a log entry ("System.TimeoutException: Timeout during reading attempt"), or nothing.</summary>
    private static string Cause(JsonElement entry)
    {
        if (!entry.TryGetProperty("Exception", out var exception) || exception.GetString() is not { Length: > 0 } text)
        {
            return "";
        }

        var innermost = text.Split(" ---> ")[^1].Split('\n')[0].Trim();
        return " — " + Cut(innermost, 200);
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..length] + "…" : text;

    /// <summary>Waits for a log entry after <paramref name="from"/> that <paramref name="match"/> accepts.</summary>
    public async Task<JsonElement> WaitForLogAsync(int from, Func<JsonElement, bool> match, TimeSpan timeout, string what, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            foreach (var entry in LogsFrom(from))
            {
                if (match(entry))
                {
                    return entry;
                }
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"The service stopped while waiting for {what}:\n{RecentLog}");
            }

            await Task.Delay(50, ct);
        }

        throw new TimeoutException($"No log entry for {what} within {timeout.TotalSeconds:0} s:\n{RecentLog}");
    }

    private async Task ReadAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (gate)
            {
                recent.Enqueue(line.Length > 2000 ? line[..2000] : line);
                if (recent.Count > 40)
                {
                    recent.Dequeue();
                }

                if (line.StartsWith('{'))
                {
                    try
                    {
                        using var document = JsonDocument.Parse(line);
                        logs.Add(document.RootElement.Clone());
                    }
                    catch (JsonException)
                    {
                        // Not a log entry of ours (e.g. a line another library wrote).
                    }
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        await Task.WhenAll(stdout, stderr);
        process.Dispose();
    }
}
