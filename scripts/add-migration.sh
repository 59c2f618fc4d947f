#!/usr/bin/env bash
# Adds an EF Core migration for every provider (SQLite and PostgreSQL): scripts/add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh MigrationName}"
dotnet tool restore >/dev/null
common=(--project src/VisionTracker.Infrastructure --startup-project src/VisionTracker.Api)
dotnet ef migrations add "$name" "${common[@]}" --context SqliteVisionTrackerDbContext \
  --output-dir Persistence/Migrations/Sqlite -- --Database:Provider Sqlite
# No server is needed to add a migration; the connection string only selects the provider.
dotnet ef migrations add "$name" "${common[@]}" --context PostgresVisionTrackerDbContext \
  --output-dir Persistence/Migrations/Postgres -- --Database:Provider Postgres --Database:ConnectionString "Host=localhost;Database=visiontracker"
