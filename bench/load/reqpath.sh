#!/usr/bin/env bash
# The request path of a signed-in read, as ratios of /health/live from the same run: the app in Release on SQLite (or
# PostgreSQL with TALUS_PG set), the demo practice plus N seeded patients, an administrator's bearer token, audit on;
# wrk -t2 -c16 for DURATION (default 10s) after a 3 s warm-up per workload, p50/p95/p99 from bench/load/fhir.lua.
# Usage: bench/load/reqpath.sh [patients=200]. Stops only the app it started (by process id).
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-200}"; D="${DURATION:-10s}"
PORT="${PORT:-5301}"; BASE="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -n "${NO_BUILD:-}" ] || dotnet build -c Release src/Talus.Web >/dev/null
if [ -n "${TALUS_PG:-}" ]; then
  export Database__Provider=Postgres ConnectionStrings__Talus="$TALUS_PG;Database=talus_reqpath_bench_$$"
else
  export Database__Provider=Sqlite ConnectionStrings__Talus="Data Source=$WORK/bench.db"
fi
export ASPNETCORE_ENVIRONMENT=Production Database__MigrateAtStart=true Demo__Seed=true Logging__LogLevel__Default=Warning \
  BulkExport__Directory="$WORK/exports"
APP="${APP_DIR:-src/Talus.Web/bin/Release/net10.0}/Talus.Web.dll"
APP="$(cd "$(dirname "$APP")" && pwd)/Talus.Web.dll"
(cd src/Talus.Web && exec dotnet "$APP" --seed-patients "$N" --urls "$BASE") >"$WORK/app.log" 2>&1 &
APP_PID=$!
trap 'kill "$APP_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT  # only the app this script started
for _ in $(seq 1 900); do curl -sf "$BASE/health" >/dev/null && break; sleep 1; done
TOKEN=$(curl -s -X POST "$BASE/api/auth/token" -H 'content-type: application/json' \
  -d '{"email":"admin@talus.example","password":"Talus-demo-2026","scope":"user/*.rs"}' | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
export TOKEN IDS_FILE="$WORK/ids.txt"
curl -s "$BASE/fhir/Patient?_count=100" -H "Authorization: Bearer $TOKEN" -H "Accept: application/fhir+json" \
  | grep -o '"resourceType":"Patient","id":"[^"]*"' | cut -d'"' -f8 > "$IDS_FILE"
LIVE=""
run() { # name path-template
  export PATH_TEMPLATE="$2"
  wrk -t2 -c16 -d3s -s bench/load/fhir.lua "$BASE" >/dev/null 2>&1 || true
  local r; r=$(wrk -t2 -c16 -d"$D" -s bench/load/fhir.lua "$BASE" | awk '/^RESULT/ {print $2, $3, $4, $5, $6}')
  set -- "$1" $r
  [ -n "$LIVE" ] || LIVE="$2"
  printf '| %s | %s | %.3f | %s / %s / %s ms | %s | %s |\n' "$1" "$2" "$(echo "$2 / $LIVE" | bc -l)" "$3" "$4" "$5" "$6" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
}
echo "Data: $N seeded patients plus the demo practice, ${Database__Provider}"
echo "| Workload | req/s | ratio to /health/live | p50 / p95 / p99 | errors | load average |"
echo "|---|---|---|---|---|---|"
run "/health/live" "/health/live"
run "/health (readiness, database)" "/health"
run "FHIR Patient/{id}" "/fhir/Patient/{id}"
run "REST /api/patients/{id}" "/api/patients/{id}"
echo "Working set of the app after the run: $(( $(ps -o rss= -p "$APP_PID") / 1024 )) MB"
