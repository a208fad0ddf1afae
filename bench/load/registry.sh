#!/usr/bin/env bash
# Registry benchmark: seeds N synthetic journeys once (kept in $TALUS_REGISTRY_DB, a SQLite file, or a PostgreSQL database
# talus_registry_N when TALUS_PG is set), then starts the app fresh (Release, signed in, audit on) and times the dashboard
# API, the /outcomes page and the streamed de-identified export; prints the app's peak working set (VmHWM).
# Usage: bench/load/registry.sh [patients=50000] [port=5141]; TALUS_PG_DB=<name> reuses a seeded PostgreSQL database
# (e.g. the one bench/load/run.sh seeded), TALUS_REGISTRY_DB=<file> a seeded SQLite file.
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-50000}"; PORT="${2:-5141}"
. bench/load/lib.sh   # APP=/abs/path/publish/Talus.Web.dll measures the ReadyToRun publish
[ -f "$APP" ] || dotnet build -c Release src/Talus.Web >/dev/null
memory_env   # the deployment's memory environment, as run.sh and fhir.sh start the app
if [ -n "${TALUS_PG:-}" ]; then
  export Database__Provider=Postgres ConnectionStrings__Talus="$TALUS_PG;Database=${TALUS_PG_DB:-talus_registry_$N}"
  SEEDED=$(psql "${TALUS_PG_URL:-}" -tAc "select 1 from pg_database where datname='${TALUS_PG_DB:-talus_registry_$N}'" 2>/dev/null || true)
else
  DB="${TALUS_REGISTRY_DB:-/tmp/talus-registry-$N.db}"
  export Database__Provider=Sqlite ConnectionStrings__Talus="Data Source=$DB"
  SEEDED=$([ -f "$DB" ] && echo 1 || true)
fi
export ASPNETCORE_ENVIRONMENT=Production Database__MigrateAtStart=true Demo__Seed=true Logging__LogLevel__Default=Warning FollowUp__PollMinutes=0
start_app() { (cd src/Talus.Web && exec dotnet "$([[ "$APP" = /* ]] && echo "$APP" || echo "../../$APP")" "$@" --urls "http://127.0.0.1:$PORT") & APP_PID=$!
  trap 'kill "$APP_PID" 2>/dev/null || true' EXIT   # only the app this script started
  for _ in $(seq 1 3600); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && return; sleep 1; done; }
if [ -z "$SEEDED" ]; then
  T0=$(date +%s); start_app --seed-patients "$N"; echo "seeding $N patients took $(( $(date +%s) - T0 )) s"
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
fi
start_app
TOKEN=$(curl -s -X POST "http://127.0.0.1:$PORT/api/auth/token" -H 'content-type: application/json' \
  -d '{"email":"admin@talus.example","password":"Talus-demo-2026"}' | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
time_it() { # name path: one warm-up, then five timed requests (seconds, total per request)
  curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$2"
  local t; t=$(for _ in 1 2 3 4 5; do curl -s -o /dev/null -w '%{time_total} ' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$2"; done)
  echo "| $1 | $t |"
}
echo "| Request ($N patients, $Database__Provider) | five runs after a warm-up, seconds |"
echo "|---|---|"
time_it "Dashboard API /api/outcomes/registry" /api/outcomes/registry
time_it "Dashboard page /outcomes" /outcomes
T=$(curl -s -o /tmp/registry-export-$$.csv -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/outcomes/research-export.csv")
echo "| De-identified export (streamed, $(wc -l < /tmp/registry-export-$$.csv) lines) | $T |"
rm -f /tmp/registry-export-$$.csv
echo; echo "App peak working set (VmHWM): $(awk '/VmHWM/ {print int($2/1024)}' /proc/$APP_PID/status) MB; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
