#!/usr/bin/env bash
# Adds a migration NAME for every database the server supports (SQLite and PostgreSQL), after a change to the model in
# src/Server/UpdateServer.Server/Data. Each provider keeps its own migrations beside its DbContext (Data/<Provider>/Migrations).
# Needs no database: adding a migration compares the model with the provider's model snapshot.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 MigrationName" >&2; exit 2; }
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
cd src/Server/UpdateServer.Server
for provider in Sqlite PostgreSql; do
  dotnet ef migrations add "$1" --context "${provider}UpdateServerDbContext" \
    --output-dir "Data/$provider/Migrations" --namespace "UpdateServer.Server.Data.$provider.Migrations"
  # Without a snapshot to update (the first migration), dotnet ef files the new one by namespace: put it beside the migrations.
  snapshot="UpdateServer/Server/Data/$provider/Migrations/${provider}UpdateServerDbContextModelSnapshot.cs"
  if [ -f "$snapshot" ]; then mv "$snapshot" "Data/$provider/Migrations/"; fi
done
rm -rf UpdateServer
