#!/usr/bin/env bash
# The one test command: build with warnings as errors, check formatting, run every test (unit, integration on SQLite,
# browser tests in Debian's Chromium beside integration on PostgreSQL),
# and end with one line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results="$(pwd)/TestResults"
rm -rf "$results"
mkdir -p "$results"

# Debian's chromium for the browser tests is installed (when missing) in the background from the start, while the
# build and the other lanes run; the browser lane waits for it.
chromium_log="$results/chromium-install.log"
if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian's chromium for the browser tests (in the background)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } > "$chromium_log" 2>&1 &
  chromium_install=$!
fi

echo "== restore and build (warnings are errors)"
dotnet build VisionTracker.sln -c Release -warnaserror || exit 1

# The build above enforces the code style and the analyzers (EnforceCodeStyleInBuild, warnings as errors); whitespace
# is checked here without compiling again, and the order of using directives by a unit test (UsingOrderTests).
echo "== formatting (whitespace)"
dotnet format whitespace . --folder --verify-no-changes --verbosity quiet || { echo "dotnet format found changes; run 'dotnet format VisionTracker.sln'"; exit 1; }

run_tests() { # project, result name, [test filter]
  dotnet test "$1" --no-build -c Release --logger "trx;LogFileName=$2.trx" --results-directory "$results" ${3:+--filter "$3"} || status=1
}

status=0
echo "== unit tests"
run_tests tests/VisionTracker.UnitTests unit

# The three lanes run side by side: a lane alone leaves part of two cores idle (it waits on the database, on cron
# schedules and on service processes; in sequence the SQLite lane and the PostgreSQL lane took 4 + 8.7 minutes, side
# by side 9.6 and 10 minutes), so the SQLite lane and the browser lane run in the background while the PostgreSQL lane
# (the longest) runs in front; their output is printed after it. The two integration lanes are separate processes:
# their databases, template databases and files carry the process id or a fresh GUID (Support/DatabaseTemplates.cs,
# VisionTrackerFactory).
pg_dir="${TMPDIR:-/tmp}/visiontracker-pg-$$"
pg_port="${VT_PG_PORT:-55439}"
sqlite_log="$results/integration-sqlite.log"
browser_log="$results/browser.log"
trap 'scripts/pg-test-server.sh stop "$pg_dir"' EXIT

scripts/pg-test-server.sh start "$pg_dir" "$pg_port" > "$results/pg-start.log" 2>&1 &
pg_start=$!
echo "== integration tests on SQLite, beside the PostgreSQL lane"
# Tests of one database's own features carry Lane=Sqlite or Lane=Postgres (the multi-process ones run only on PostgreSQL).
( status=0; run_tests tests/VisionTracker.IntegrationTests integration-sqlite "Lane!=Postgres"; exit $status ) > "$sqlite_log" 2>&1 &
sqlite=$!

if [ -n "${chromium_install:-}" ]; then
  wait "$chromium_install" || { cat "$chromium_log"; echo "could not install chromium"; }
fi
echo "== browser tests (headless Chromium, real service on SQLite), beside the PostgreSQL lane"
( status=0; run_tests tests/VisionTracker.BrowserTests browser; exit $status ) > "$browser_log" 2>&1 &
browser=$!

echo "== integration tests on PostgreSQL"
if wait $pg_start; then
  cat "$results/pg-start.log"
  VT_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres" \
    run_tests tests/VisionTracker.IntegrationTests integration-postgres "Lane!=Sqlite"
else
  cat "$results/pg-start.log"; echo "could not start PostgreSQL"; status=1
fi

wait $sqlite || status=1
echo "== integration tests on SQLite (output)"
cat "$sqlite_log"
wait $browser || status=1
echo "== browser tests (output)"
cat "$browser_log"

# Sum the counters of every TRX file into the one closing line CI reads.
python3 - "$results" <<'PY' || status=1
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
files = glob.glob(sys.argv[1] + "/*.trx")
# A lane that crashed or was killed leaves no results: that is a failure, not a smaller count.
for lane in ("unit", "integration-sqlite", "browser", "integration-postgres"):
    if not any(f.endswith("/" + lane + ".trx") for f in files):
        print(f"no results from the {lane} lane")
        failed += 1
for f in files:
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or not files or passed == 0 else 0)
PY
summary=$?
[ $summary -ne 0 ] && status=1
exit $status
