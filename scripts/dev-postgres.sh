#!/usr/bin/env bash
# Runs the service against a local, throw-away PostgreSQL server (started here, stopped on exit).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${TMPDIR:-/tmp}/visiontracker-dev-pg"
port="${VT_PG_PORT:-55433}"
scripts/pg-test-server.sh start "$dir" "$port"
trap 'scripts/pg-test-server.sh stop "$dir"' EXIT
Database__Provider=Postgres \
Database__ConnectionString="Host=127.0.0.1;Port=$port;Username=postgres;Database=visiontracker" \
  dotnet run --project src/VisionTracker.Api "$@"
