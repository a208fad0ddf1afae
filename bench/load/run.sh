#!/usr/bin/env bash
# Load test on this machine: the app in Release on SQLite (or PostgreSQL with TALUS_PG set) with N synthetic patients,
# signed in (auth and audit on), wrk -t2 -c16 -d30s after a 5 s warm-up. Prints one table row per workload.
# Usage: bench/load/run.sh [patients=50000] [workload-name regex, e.g. "Estimate|GFE"; /health always runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-50000}"
ONLY="${2:-.}"
PORT=5199
WORK="$(mktemp -d)"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
dotnet build -c Release src/Talus.Web >/dev/null
if [ -n "${TALUS_PG:-}" ]; then
  export Database__Provider=Postgres ConnectionStrings__Talus="$TALUS_PG;Database=talus_bench_$$"
else
  export Database__Provider=Sqlite ConnectionStrings__Talus="Data Source=$WORK/bench.db"
fi
export ASPNETCORE_ENVIRONMENT=Production Database__MigrateAtStart=true Demo__Seed=true Logging__LogLevel__Default=Warning
APP=src/Talus.Web/bin/Release/net10.0/Talus.Web.dll
cd src/Talus.Web; dotnet "../../$APP" --seed-patients "$N" --urls "http://127.0.0.1:$PORT" >"$WORK/app.log" 2>&1 &
APP_PID=$!; cd ../..
trap 'kill "$APP_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT  # only the app this script started
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 1; done
TOKEN=$(curl -s -X POST "http://127.0.0.1:$PORT/api/auth/token" -H 'content-type: application/json' \
  -d '{"email":"admin@talus.example","password":"Talus-demo-2026"}' | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
export TOKEN
curl -s "http://127.0.0.1:$PORT/api/patients?q=Garcia&take=100" -H "Authorization: Bearer $TOKEN" \
  | grep -o '"id":"[^"]*"' | cut -d'"' -f4 > "$WORK/ids.txt"
printf 'GARCIA\nLOPEZ\nNGUYEN\nSMITH\nKIM\nPATEL\nTORRES\nRIVERA\n' > "$WORK/names.txt"
export IDS_FILE="$WORK/ids.txt"

run() { # name path-template [ids-file]
  local name="$1"; export PATH_TEMPLATE="$2"; export IDS_FILE="${3:-$WORK/ids.txt}"
  [[ "$name" == /health* || "$name" =~ $ONLY ]] || return 0
  wrk -t2 -c16 -d5s -s bench/load/ids.lua "http://127.0.0.1:$PORT" >/dev/null 2>&1 || true
  local out; out=$(wrk -t2 -c16 -d30s --latency -s bench/load/ids.lua "http://127.0.0.1:$PORT")
  local rps p50 p90 p99 errs
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out"); p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p90=$(awk '$1=="90%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errs=$(awk '/Non-2xx/ {print $5}' <<<"$out"); 
  printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p90" "$p99" "${errs:-0}"
}
echo "| Workload ($N patients, ${Database__Provider}) | req/s | p50 | p90 | p99 | non-2xx |"
echo "|---|---|---|---|---|---|"
run "/health (framework + database ping)" "/health"
run "REST patient read /api/patients/{id}" "/api/patients/{id}"
run "REST patient search by family name, 20 rows" "/api/patients?q={id}&take=20" "$WORK/names.txt"
run "Chart page /patients/{id}" "/patients/{id}"
run "Estimate page /patients/{id}/estimate" "/patients/{id}/estimate"
run "REST estimates /api/billing/patients/{id}/estimates" "/api/billing/patients/{id}/estimates"
run "GFE worklist page /billing/gfe" "/billing/gfe"
run "GFE worklist API /api/billing/gfe-worklist" "/api/billing/gfe-worklist"
RSS=$(ps -o rss= -p "$APP_PID")
echo
echo "Working set of the app after the run: $((RSS / 1024)) MB"
