using System.Globalization;

namespace VisionTracker.Bench;

public sealed class BenchOptions
{
    public double Scale { get; private set; } = 1;
    public int Runs { get; private set; } = 20;
    public int WarmUp { get; private set; } = 3;
    public string Provider { get; private set; } = "sqlite";
    public string? PostgresConnectionString { get; private set; }
    public string WorkFolder { get; private set; } = Path.Combine(Path.GetTempPath(), "visiontracker-bench");
    public string Output { get; private set; } = Path.Combine("bench", "results", "latest.md");
    public bool Keep { get; private set; }
    public bool GenerateOnly { get; private set; }

    public bool IsPostgres => Provider == "postgres";

    public const string Usage = """
        usage: VisionTracker.Bench [--scale N] [--provider sqlite|postgres] [--runs N] [--warmup N]
                                   [--pg "Host=…;Username=…;Database=postgres"] [--work DIR] [--out FILE] [--keep] [--generate-only]
          --scale N        size of the generated organisation (1 ≈ 150 units, 2,000 goals, 150,000 check-ins; default 1)
          --provider       sqlite (a fresh file under --work, default) or postgres (a fresh database on --pg / VT_BENCH_POSTGRES)
          --runs N         timed runs per scenario (default 20); --warmup N untimed runs first (default 3)
          --out FILE       markdown report (default bench/results/latest.md)
          --keep           keep the databases afterwards (default: deleted)
          --generate-only  only generate the large data set (implies --keep) and report its size and generation time
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions { PostgresConnectionString = Environment.GetEnvironmentVariable("VT_BENCH_POSTGRES") };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            switch (args[i])
            {
                case "--scale":
                    o.Scale = double.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--runs":
                    o.Runs = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--warmup":
                    o.WarmUp = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--provider":
                    o.Provider = Next().ToLowerInvariant();
                    break;
                case "--pg":
                    o.PostgresConnectionString = Next();
                    break;
                case "--work":
                    o.WorkFolder = Next();
                    break;
                case "--out":
                    o.Output = Next();
                    break;
                case "--keep":
                    o.Keep = true;
                    break;
                case "--generate-only":
                    o.GenerateOnly = true;
                    o.Keep = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.\n{Usage}");
            }
        }

        if (o.Scale is <= 0 or > 50 || o.Runs < 1 || o.WarmUp < 0)
        {
            throw new ArgumentException($"--scale must be in (0, 50], --runs at least 1, --warmup at least 0.\n{Usage}");
        }

        if (o.Provider is not ("sqlite" or "postgres"))
        {
            throw new ArgumentException($"--provider must be sqlite or postgres.\n{Usage}");
        }

        if (o.IsPostgres && string.IsNullOrWhiteSpace(o.PostgresConnectionString))
        {
            throw new ArgumentException($"--provider postgres needs --pg or VT_BENCH_POSTGRES (a server connection string).\n{Usage}");
        }

        Directory.CreateDirectory(o.WorkFolder);
        return o;
    }
}
