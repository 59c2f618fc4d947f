using System.Globalization;

namespace VisionTracker.Bench;

public sealed class BenchOptions
{
    public const string Usage = """
        usage: scripts/bench.sh [--scale aarhus|tiny|N] [--provider sqlite|postgres] [--pg CONNSTR] [--runs N] [--budget S]
                                [--duration S] [--clients 1,8,32] [--warmup N] [--work DIR] [--out DIR] [--api DLL] [--keep]
                                [--publish] [--change TEXT] [--reuse NAME --only reads [--match TEXT]]
                                [--reuse NAME --only checkins [--duration S] [--clients …]]
                                [--reuse NAME --only nightly]
          --scale      aarhus (default, = 1: 6 departments, ~400 units, ~2,000 leaders, ~8,000 goals, ~30,000 key results,
                       ~60,000 actions, ~1,000,000 check-ins), tiny (= 0.01, for the smoke test) or a number in (0, 4]
          --provider   sqlite (a fresh file under --work, default) or postgres (a fresh database on --pg / VT_BENCH_POSTGRES;
                       scripts/bench.sh starts a throw-away server when neither is given)
          --runs N     timed runs per read scenario after one warm-up (default 10), fewer when --budget S (default 15)
                       seconds are spent, but at least 3
          --duration S seconds each check-in client level runs (default 15); --clients the levels (default 1,8,32)
          --warmup N   check-ins sent before the first level by its largest level's clients (default 1500; 0 for none):
                       not timed or counted in any level, but checked with the rest, so the levels measure a warm service
          --out DIR    where latest.json and latest.md go (default bench/results, git-ignored)
          --publish    also write the figures into docs/performance.json and the table in docs/performance.md
          --change T   what was changed to get these figures (published beside them)
          --api DLL    the built service (default src/VisionTracker.Api/bin/<this build's configuration>/net10.0/VisionTracker.Api.dll)
          --keep       keep the database afterwards (default: dropped)
          --reuse NAME a database kept by an earlier run (its name: the file NAME.db under --work, or the PostgreSQL
                       database NAME), with --only reads: start the service on it and run the read scenarios alone
                       (those whose "API: name" contains --match TEXT, default all); prints their figures, writes nothing;
                       with --only checkins: the check-in levels alone (--clients, --duration) with their checks and a
                       nightly run after them; prints their figures; the check-ins stay in the database
                       with --only nightly: one warm-up nightly run, then --runs N (at least 2) measured ones, each beside the
                       raw aggregate, with the service's CPU time and working set around each; prints them, writes nothing
        """;

    public string ScaleName { get; private set; } = "aarhus";
    public double Scale { get; private set; } = 1;
    public string Provider { get; private set; } = "sqlite";
    public string? PostgresServer { get; private set; }
    public int Runs { get; private set; } = 10;
    public double BudgetSeconds { get; private set; } = 15;
    public double DurationSeconds { get; private set; } = 15;
    public IReadOnlyList<int> Clients { get; private set; } = [1, 8, 32];

    /// <summary>Check-ins before the first level, untimed (the JIT's tiering takes the first ~1,000–1,500).</summary>
    public int WarmUp { get; private set; } = 1500;
    public string RepositoryRoot { get; private set; } = FindRepositoryRoot();
    public string WorkFolder { get; private set; } = Path.Combine(Path.GetTempPath(), "visiontracker-bench");
    public string OutputFolder { get; private set; } = "";
    public string? ApiDll { get; private set; }
    public bool Keep { get; private set; }
    public bool Publish { get; private set; }
    public string? Change { get; private set; }
    public string? Reuse { get; private set; }
    public string? Only { get; private set; }
    public string? Match { get; private set; }

    /// <summary>Only the read scenarios, on a kept database (<c>--reuse NAME --only reads</c>).</summary>
    public bool ReadsOnly => Only == "reads";

    /// <summary>Only the check-in levels, on a kept database (<c>--reuse NAME --only checkins</c>).</summary>
    public bool CheckInsOnly => Only == "checkins";

    /// <summary>Only the nightly run beside the raw aggregate, on a kept database (<c>--reuse NAME --only nightly</c>).</summary>
    public bool NightlyOnly => Only == "nightly";

    public bool IsPostgres => Provider == "postgres";

    /// <summary>The command line of this run (the connection string of --pg left out).</summary>
    public string Command { get; private set; } = "scripts/bench.sh";

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions { PostgresServer = Environment.GetEnvironmentVariable("VT_BENCH_POSTGRES") };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            switch (args[i])
            {
                case "--scale":
                    (o.ScaleName, o.Scale) = ParseScale(Next());
                    break;
                case "--provider":
                    o.Provider = Next().ToLowerInvariant();
                    break;
                case "--pg":
                    o.PostgresServer = Next();
                    break;
                case "--runs":
                    o.Runs = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--budget":
                    o.BudgetSeconds = double.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--duration":
                    o.DurationSeconds = double.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--clients":
                    o.Clients = Next().Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
                    break;
                case "--warmup":
                    o.WarmUp = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--work":
                    o.WorkFolder = Next();
                    break;
                case "--out":
                    o.OutputFolder = Next();
                    break;
                case "--api":
                    o.ApiDll = Next();
                    break;
                case "--keep":
                    o.Keep = true;
                    break;
                case "--publish":
                    o.Publish = true;
                    break;
                case "--change":
                    o.Change = Next();
                    break;
                case "--reuse":
                    o.Reuse = Next();
                    break;
                case "--only":
                    o.Only = Next().ToLowerInvariant();
                    break;
                case "--match":
                    o.Match = Next();
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.\n{Usage}");
            }
        }

        if (o.Runs < 1 || o.BudgetSeconds <= 0 || o.DurationSeconds <= 0 || o.WarmUp < 0 || o.Clients.Count == 0 || o.Clients.Any(c => c is < 1 or > 256))
        {
            throw new ArgumentException($"--runs, --budget and --duration must be positive, --warmup not negative and --clients between 1 and 256.\n{Usage}");
        }

        if (o.Only is not (null or "reads" or "checkins" or "nightly") || (o.Reuse is null) != (o.Only is null) || (o.Match is not null && o.Only != "reads") || (o.Only is not null && o.Publish))
        {
            throw new ArgumentException($"--reuse NAME goes with --only reads, checkins or nightly (--match TEXT only with reads; not with --publish).\n{Usage}");
        }

        if (o.Provider is not ("sqlite" or "postgres"))
        {
            throw new ArgumentException($"--provider must be sqlite or postgres.\n{Usage}");
        }

        if (o.IsPostgres && string.IsNullOrWhiteSpace(o.PostgresServer))
        {
            throw new ArgumentException($"--provider postgres needs --pg or VT_BENCH_POSTGRES (a server connection string).\n{Usage}");
        }

        o.Command = string.Join(' ', ["scripts/bench.sh", .. args.Select((a, i) => i > 0 && args[i - 1] == "--pg" ? "…" : a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a)]);
        if (o.OutputFolder.Length == 0)
        {
            o.OutputFolder = Path.Combine(o.RepositoryRoot, "bench", "results");
        }

        o.ApiDll ??= DefaultApiDll(o.RepositoryRoot);
        if (!File.Exists(o.ApiDll))
        {
            throw new ArgumentException($"The service is not built: {o.ApiDll} is missing (scripts/bench.sh builds it; or pass --api).");
        }

        Directory.CreateDirectory(o.WorkFolder);
        return o;
    }

    private static (string Name, double Scale) ParseScale(string value) => value.ToLowerInvariant() switch
    {
        "aarhus" => ("aarhus", 1),
        "tiny" => ("tiny", 0.01),
        var number when double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s is > 0 and <= 4 => (number, s),
        _ => throw new ArgumentException($"--scale is aarhus, tiny or a number in (0, 4], not '{value}'.\n{Usage}"),
    };

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VisionTracker.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>The service built in the same configuration as this harness (bin/Release/net10.0 → Release).</summary>
    private static string DefaultApiDll(string root)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent?.Name ?? "Release";
        return Path.Combine(root, "src", "VisionTracker.Api", "bin", configuration, framework.Name, "VisionTracker.Api.dll");
    }
}
