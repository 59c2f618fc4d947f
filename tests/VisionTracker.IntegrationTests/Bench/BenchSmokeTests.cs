using System.Diagnostics;
using System.Text.Json.Nodes;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Bench;

/// <summary>
/// Runs the benchmark harness (bench/VisionTracker.Bench, built beside these tests) once at the tiny scale, as
/// scripts/bench.sh would, on this lane's database: it must generate a consistent data set, start the service as its
/// own process, get the same answers from the service and from its hand-written SQL, and lose or duplicate no check-in.
/// Speed is not asserted; only that every figure was measured.
/// </summary>
[LongRunning]
public sealed class BenchSmokeTests
{
    private static readonly string? PostgresServer = Environment.GetEnvironmentVariable("VT_TEST_POSTGRES");

    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(30);

    [Fact]
    public async Task Harness_AtTinyScale_AnswersAgreeAndNoCheckInIsLost()
    {
        var output = Directory.CreateTempSubdirectory("vt-bench-smoke-");
        List<string> args = ["--scale", "tiny", "--runs", "1", "--duration", "1", "--clients", "1,4", "--warmup", "20", "--work", output.FullName, "--out", output.FullName];
        if (PostgresServer is not null)
        {
            args.AddRange(["--provider", "postgres", "--pg", PostgresServer]);
        }

        var (exitCode, log) = await RunHarnessAsync(args);

        exitCode.ShouldBe(0, log);
        var result = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output.FullName, "latest.json")))!;
        result["provider"]!.GetValue<string>().ShouldBe(PostgresServer is null ? "sqlite" : "postgres");
        result["problems"]!.AsArray().ShouldBeEmpty();
        result["nightly"]!["repairs"]!.GetValue<int>().ShouldBe(0);
        result["nightly"]!["mismatches"]!.GetValue<int>().ShouldBe(0);
        result["nightly"]!["figuresCompared"]!.GetValue<int>().ShouldBeGreaterThan(100);
        var reads = result["reads"]!.AsArray();
        reads.Count.ShouldBe(19);
        reads.ShouldAllBe(r => r!["agrees"]!.GetValue<bool>() && r["serviceP50Ms"]!.GetValue<double>() > 0 && r["sqlP50Ms"]!.GetValue<double>() > 0);
        var levels = result["checkIns"]!.AsArray();
        levels.Select(l => l!["clients"]!.GetValue<int>()).ShouldBe([1, 4]);
        levels.ShouldAllBe(l => l!["accepted"]!.GetValue<int>() > 0 && l["rawRows"]!.GetValue<int>() > 0 && l["replayFailures"]!.GetValue<int>() == 0);
        var verification = result["verification"]!;
        verification["lost"]!.GetValue<int>().ShouldBe(0);
        verification["duplicated"]!.GetValue<int>().ShouldBe(0);
        verification["unexpected"]!.GetValue<int>().ShouldBe(0);
        verification["staleCurrentValues"]!.GetValue<int>().ShouldBe(0);
        result["service"]!["startToFirstAnswerMs"]!.GetValue<double>().ShouldBeGreaterThan(0);
        result["service"]!["peakWorkingSetMB"]!.GetValue<double>().ShouldBeGreaterThan(0);
        output.Delete(recursive: true);
    }

    private static async Task<(int ExitCode, string Log)> RunHarnessAsync(IEnumerable<string> args)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = testOutput;
        while (!File.Exists(Path.Combine(root.FullName, "VisionTracker.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("The repository root (VisionTracker.sln) is not above the test output.");
        }

        // bin/<configuration>/<framework>: the harness is built in the same configuration (the project references it).
        var harness = Path.Combine(root.FullName, "bench", "VisionTracker.Bench", "bin", testOutput.Parent!.Name, testOutput.Name, "VisionTracker.Bench.dll");
        File.Exists(harness).ShouldBeTrue($"{harness} is not built");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(harness);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        // Only a hung run is stopped: the tiny scale takes about a minute on a quiet machine and several on a loaded one,
        // so the limit is far above any slow run and only keeps a hang from holding the lane for ever.
        using var hung = new CancellationTokenSource(HangLimit);
        try
        {
            await process.WaitForExitAsync(hung.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The harness did not end within {HangLimit.TotalMinutes:0} minutes (hung):\n{await stderr}\n{await stdout}");
        }

        return (process.ExitCode, $"{await stderr}\n{await stdout}");
    }
}
