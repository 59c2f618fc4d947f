#!/usr/bin/env bash
# The benchmark harness: times the real API (Release, Kestrel on loopback, real HTTP) on the demo data and on a large
# generated data set, and writes a markdown table (median, p95, ratio large/demo) to stdout and bench/results/latest.md.
#   scripts/bench.sh [--scale N] [--provider sqlite|postgres] [--runs N] [--warmup N] [--pg CONNSTR] [--keep] [--generate-only]
# PostgreSQL: --provider postgres with --pg "Host=127.0.0.1;Port=55444;Username=postgres;Database=postgres" (or VT_BENCH_POSTGRES).
# Not part of scripts/test.sh. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/VisionTracker.Bench/VisionTracker.Bench.csproj -c Release -warnaserror --nologo -v quiet >&2
exec dotnet bench/VisionTracker.Bench/bin/Release/net10.0/VisionTracker.Bench.dll "$@"
