#!/usr/bin/env bash
# FHIR transaction create throughput: the app in Release on SQLite (or PostgreSQL with TALUS_PG set) with N synthetic
# patients, a front-desk bearer token (auth and audit on), wrk posting transaction Bundles of BATCH new Patients
# (bench/load/fhir-transaction.lua) for 30 s after a 5 s warm-up. Prints requests/s, resources/s and latencies.
# Usage: bench/load/fhir-transaction.sh [patients=1000] [batch=10]
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-1000}"; export BATCH="${2:-10}"
PORT="${PORT:-5142}"; WORK="$(mktemp -d)"
dotnet build -c Release src/Talus.Web >/dev/null
if [ -n "${TALUS_PG:-}" ]; then
  export Database__Provider=Postgres ConnectionStrings__Talus="$TALUS_PG;Database=talus_txn_$$"
else
  export Database__Provider=Sqlite ConnectionStrings__Talus="Data Source=$WORK/bench.db"
fi
export ASPNETCORE_ENVIRONMENT=Production Database__MigrateAtStart=true Demo__Seed=true Logging__LogLevel__Default=Warning
(cd src/Talus.Web && exec dotnet ../../src/Talus.Web/bin/Release/net10.0/Talus.Web.dll --seed-patients "$N" --urls "http://127.0.0.1:$PORT" >"$WORK/app.log" 2>&1) &
APP_PID=$!
trap 'kill "$APP_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT  # only the app this script started
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 1; done
TOKEN=$(curl -s -X POST "http://127.0.0.1:$PORT/api/auth/token" -H 'content-type: application/json' \
  -d '{"email":"frontdesk@talus.example","password":"Talus-demo-2026"}' | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
export TOKEN
wrk -t2 -c8 -d5s -s bench/load/fhir-transaction.lua "http://127.0.0.1:$PORT" >/dev/null 2>&1 || true
OUT=$(wrk -t2 -c8 -d30s --latency -s bench/load/fhir-transaction.lua "http://127.0.0.1:$PORT")
echo "$OUT"
RPS=$(awk '/Requests\/sec/ {print $2}' <<<"$OUT")
echo "Transactions/s: $RPS; resources/s: $(awk -v r="$RPS" -v b="$BATCH" 'BEGIN {printf "%.0f", r * b}')"
curl -s -o /dev/null -w 'Health: %{http_code}\n' "http://127.0.0.1:$PORT/health"
