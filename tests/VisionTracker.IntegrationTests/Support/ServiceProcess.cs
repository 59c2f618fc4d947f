using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace VisionTracker.IntegrationTests.Support;

/// <summary>
/// The built service as its own process (<c>dotnet VisionTracker.Api.dll</c>, Production), on a port Kestrel picks, with
/// JSON console logs the tests read. <see cref="RunAsync"/> runs one of its operator commands to the end instead.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    /// <summary>
    /// How long a start or an operator command may take before it counts as hung: seconds on a quiet machine, but on a
    /// machine loaded far beyond its two cores a start took over two minutes and a <c>--migrate-only</c> with the demo
    /// seed over three; the limit only tells a hung run from a slow one.
    /// </summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(15);

    private readonly Process process;
    private readonly List<JsonElement> logs = [];
    private readonly StringBuilder output = new();
    private readonly Lock gate = new();
    private readonly Task reading;
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process, string name)
    {
        this.process = process;
        Name = name;
        reading = Task.WhenAll(ReadAsync(process.StandardOutput), ReadAsync(process.StandardError));
    }

    public string Name { get; }

    public Uri Address { get; private set; } = null!;

    public static string ApiDll
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var root = testOutput;
            while (!File.Exists(Path.Combine(root.FullName, "VisionTracker.sln")))
            {
                root = root.Parent ?? throw new InvalidOperationException("The repository root (VisionTracker.sln) is not above the test output.");
            }

            // bin/<configuration>/<framework>: the service is built in the same configuration as the tests.
            var dll = Path.Combine(root.FullName, "src", "VisionTracker.Api", "bin", testOutput.Parent!.Name, testOutput.Name, "VisionTracker.Api.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is not built.");
        }
    }

    /// <summary>Starts the service and waits until it answers <c>/health/ready</c>.</summary>
    public static async Task<ServiceProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, TimeSpan? timeout = null)
    {
        var service = Launch(name, settings, ["--urls", "http://127.0.0.1:0"]);
        try
        {
            await service.WaitUntilReadyAsync(timeout ?? HangLimit);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs an operator command (<c>--migrate-only</c>, <c>--backup PATH</c>, …) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        await using var run = Launch("command", settings, args);
        using var hung = new CancellationTokenSource(HangLimit);
        try
        {
            await run.process.WaitForExitAsync(hung.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{string.Join(' ', args)} did not end within {HangLimit.TotalMinutes:0} minutes (hung):\n{run.Tail}");
        }

        await run.reading;
        return (run.process.ExitCode, run.Output);
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public string Output
    {
        get
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }

    public IReadOnlyList<JsonElement> Logs
    {
        get
        {
            lock (gate)
            {
                return [.. logs];
            }
        }
    }

    /// <summary>The log entries whose message starts with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<JsonElement> LogsStartingWith(string prefix) =>
        Logs.Where(e => e.TryGetProperty("Message", out var m) && m.GetString()!.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    public async Task<JsonElement> WaitForLogAsync(Func<JsonElement, bool> match, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (Logs.FirstOrDefault(match) is { ValueKind: JsonValueKind.Object } entry)
            {
                return entry;
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} stopped while waiting for {what}:\n{Tail}");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name} logged no {what} within {timeout.TotalSeconds:0} s:\n{Tail}");
    }

    public string Tail
    {
        get
        {
            var text = Output;
            return text.Length > 6000 ? text[^6000..] : text;
        }
    }

    private static ServiceProcess Launch(string name, IReadOnlyDictionary<string, string> settings, IEnumerable<string> args)
    {
        var dll = ApiDll;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["Logging__Console__FormatterName"] = "json";
        info.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "O";

        // The tests drive hundreds of requests a minute per person from one address; the limits have their own tests.
        info.Environment["RateLimits__PerTokenPerMinute"] = "100000000";
        info.Environment["RateLimits__PerAddressPerMinute"] = "100000000";
        info.Environment["RateLimits__WritesPerPersonPerMinute"] = "100000000";
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        return new ServiceProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start."), name);
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var exited = process.WaitForExitAsync(cancel.Token);
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(Timeout.Infinite, cancel.Token));
        if (first != listening.Task)
        {
            throw new InvalidOperationException($"{Name} did not start listening:\n{Tail}");
        }

        Address = await listening.Task;

        // One attempt may take long on a loaded machine (the first request warms up the whole pipeline); a slow attempt
        // is given up and tried again, and only the overall limit, or the process ending, ends the wait.
        using var client = new HttpClient { BaseAddress = Address, Timeout = Timeout.InfiniteTimeSpan };
        var attempt = TimeSpan.FromSeconds(10);
        while (!cancel.IsCancellationRequested)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} stopped before it was ready:\n{Tail}");
            }

            using var once = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
            once.CancelAfter(attempt);
            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), once.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not answering yet.
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                // This attempt took too long: the next one waits twice as long, up to a minute.
                attempt = TimeSpan.FromTicks(Math.Min(attempt.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
                continue;
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                await Task.Delay(100, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:0} s:\n{Tail}");
    }

    private async Task ReadAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (gate)
            {
                output.AppendLine(line);
                if (!line.StartsWith('{'))
                {
                    continue;
                }

                try
                {
                    using var document = JsonDocument.Parse(line);
                    var entry = document.RootElement.Clone();
                    logs.Add(entry);
                    if (entry.TryGetProperty("Message", out var message) && ListeningOn().Match(message.GetString()!) is { Success: true } m)
                    {
                        listening.TrySetResult(new Uri(m.Groups[1].Value));
                    }
                }
                catch (JsonException)
                {
                    // A line that is not a log entry.
                }
            }
        }
    }

    /// <summary>Kills the process as a power cut would (SIGKILL on Linux: no shutdown, no flushing) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        await reading;
        process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
