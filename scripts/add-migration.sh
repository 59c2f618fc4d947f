#!/usr/bin/env bash
# Adds an EF Core migration for the SQLite model: scripts/add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh MigrationName}"
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" \
  --project src/VisionTracker.Infrastructure \
  --startup-project src/VisionTracker.Api \
  --output-dir Persistence/Migrations/Sqlite
