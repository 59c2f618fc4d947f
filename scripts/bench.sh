#!/usr/bin/env bash
# The benchmark harness (docs/performance.md): generates an Aarhus-scale data set into a fresh database, starts the built
# service as its own process and measures it over HTTP beside hand-written SQL on the same database; prints one table
# and writes bench/results/latest.md and latest.json. The service is published (ReadyToRun) into bench/results/service
# first, unless --api names a built one.
#   scripts/bench.sh [--scale aarhus|tiny|N] [--provider sqlite|postgres] [--pg CONNSTR] [--runs N] [--budget S]
#                    [--duration S] [--clients 1,8,32] [--warmup N] [--work DIR] [--out DIR] [--keep] [--publish] [--change TEXT]
#   scripts/bench.sh --reuse NAME --only reads|checkins|nightly [...]: one part alone on a database an earlier run kept
#                    (--keep); see docs/performance.md, "How to run", or the harness's usage text.
# With --provider postgres and neither --pg nor VT_BENCH_POSTGRES, a throw-away PostgreSQL server is started on
# ${VT_BENCH_PG_PORT:-55452} for the run. Not part of scripts/test.sh (the suite runs the harness once at --scale tiny).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build bench/VisionTracker.Bench/VisionTracker.Bench.csproj -c Release -warnaserror --nologo -v quiet >&2

provider=sqlite pg="" api=""
for ((i = 1; i <= $#; i++)); do
  case "${!i}" in
    --provider) j=$((i + 1)); provider="${!j:-}" ;;
    --pg) pg=yes ;;
    --api) api=yes ;;
  esac
done

# The service is measured as it is deployed: published for the runtime, with ReadyToRun code (VisionTracker.Api.csproj).
if [ -z "$api" ]; then
  service="bench/results/service"
  dotnet publish src/VisionTracker.Api -c Release -r linux-x64 -warnaserror --nologo -v quiet -o "$service" >&2
  set -- --api "$service/VisionTracker.Api.dll" "$@"
fi

if [ "$provider" = postgres ] && [ -z "$pg" ] && [ -z "${VT_BENCH_POSTGRES:-}" ]; then
  port="${VT_BENCH_PG_PORT:-55452}"
  dir="${TMPDIR:-/tmp}/visiontracker-bench-pg-$$"
  trap 'scripts/pg-test-server.sh stop "$dir"' EXIT
  scripts/pg-test-server.sh start "$dir" "$port" >&2
  export VT_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
fi

dotnet bench/VisionTracker.Bench/bin/Release/net10.0/VisionTracker.Bench.dll "$@"
