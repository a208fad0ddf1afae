#!/usr/bin/env bash
# FHIR load test on this machine: the app in Release on SQLite (or PostgreSQL with TALUS_PG set) with the demo practice,
# N synthetic patients and 2 laboratory panels each (20 Observations per patient: 1,000 patients ≈ 20,000 Observations),
# a bearer token (scope user/*.rs, audit on). Runs Patient-level $export first (kick-off to manifest, resources/s and the
# app's peak working set while it runs), then wrk -t2 -c16 -d30s after a 5 s warm-up per workload; p95 from wrk's done().
# The app is seeded by a first process and served by a second one (what is measured is serving alone).
# Usage: bench/load/fhir.sh [patients=1000]; TRACE=<file.nettrace> also samples the app's CPU (dotnet-trace, on PATH)
# for 10 s of the Patient/{id} run (TRACE_WORKLOAD=<name> another workload, TRACE_PROFILE=<profiles> other than
# dotnet-common,dotnet-sampled-thread-time: cpu-sampling samples what runs on a core).
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-1000}"
PORT="${PORT:-5144}"
BASE="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
dotnet build -c Release src/Talus.Web >/dev/null
if [ -n "${TALUS_PG:-}" ]; then
  export Database__Provider=Postgres ConnectionStrings__Talus="$TALUS_PG;Database=talus_fhir_bench_$$"
else
  export Database__Provider=Sqlite ConnectionStrings__Talus="Data Source=$WORK/bench.db"
fi
export ASPNETCORE_ENVIRONMENT=Production Database__MigrateAtStart=true Demo__Seed=true Logging__LogLevel__Default=Warning \
  BulkExport__Directory="$WORK/exports"
# Seeding is not serving (decision 0014): a first process seeds and stops, the measured one serves the seeded database,
# with the deployment's memory environment (start_app in lib.sh: 8 MB gen0 budget, two malloc arenas, W^X off).
. bench/load/lib.sh
trap 'stop_started; rm -rf "$WORK"' EXIT  # only the apps this script started
seed_only "$PORT" "$WORK/app.seed.log" "$N" --seed-lab-panels 2
Demo__Seed=false start_app "$PORT" "$WORK/app.log"
wait_ready "$BASE"
TOKEN=$(curl -s -X POST "$BASE/api/auth/token" -H 'content-type: application/json' \
  -d '{"email":"admin@talus.example","password":"Talus-demo-2026","scope":"user/*.rs"}' | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
export TOKEN
AUTH=(-H "Authorization: Bearer $TOKEN" -H "Accept: application/fhir+json")
curl -s "$BASE/fhir/Patient?_count=100" "${AUTH[@]}" | grep -o '"resourceType":"Patient","id":"[^"]*"' | cut -d'"' -f8 > "$WORK/ids.txt"
printf 'GARCIA\nLOPEZ\nNGUYEN\nSMITH\nKIM\nPATEL\nTORRES\nRIVERA\n' > "$WORK/names.txt"

# $export: kick-off to manifest, sampling the app's working set while it runs. Run twice: the first is the first
# request of a fresh process (compiling the export path), the second what a running server does.
READY_RSS=$(ps -o rss= -p "$APP_PID")
EXPORTS=()
export_once() {
  local start end code rss peak=0 status resources seconds
  start=$(date +%s.%N)
  status=$(curl -s -D - -o /dev/null "$BASE/fhir/Patient/\$export" "${AUTH[@]}" -H "Prefer: respond-async" | tr -d '\r' | awk -F': ' 'tolower($1)=="content-location" {print $2}')
  while :; do
    code=$(curl -s -o "$WORK/manifest.json" -w '%{http_code}' "$status" "${AUTH[@]}")
    rss=$(ps -o rss= -p "$APP_PID"); [ "$rss" -gt "$peak" ] && peak=$rss
    [ "$code" = 200 ] && break
    [ "$code" = 202 ] || { echo "export status $code"; cat "$WORK/manifest.json"; exit 1; }
    sleep 0.05
  done
  end=$(date +%s.%N)
  resources=$(jq '[.output[].count] | add' "$WORK/manifest.json")
  seconds=$(echo "$end - $start" | bc -l)
  EXPORTS+=("$(printf '%s resources in %.2f s = %.0f resources/s; peak working set while exporting %d MB' \
    "$resources" "$seconds" "$(echo "$resources / $seconds" | bc -l)" "$((peak / 1024))")")
}
export_once
export_once

DEFAULT_TRACE="FHIR Patient/{id}"; TRACE_WORKLOAD="${TRACE_WORKLOAD:-$DEFAULT_TRACE}"
run() { # name path-template ids-file
  export PATH_TEMPLATE="$2" IDS_FILE="$3"
  wrk -t2 -c16 -d5s -s bench/load/fhir.lua "$BASE" >/dev/null 2>&1 || true
  if [ -n "${TRACE:-}" ] && [ "$1" = "$TRACE_WORKLOAD" ]; then
    (sleep 5; dotnet-trace collect -p "$APP_PID" --profile "${TRACE_PROFILE:-dotnet-common,dotnet-sampled-thread-time}" --duration 00:00:00:10 -o "$TRACE" >/dev/null 2>&1) &
  fi
  local r; r=$(wrk -t2 -c16 -d30s -s bench/load/fhir.lua "$BASE" | awk '/^RESULT/ {print $2" | "$3" ms | "$4" ms | "$5" ms | "$6}')
  printf '| %s | %s |\n' "$1" "$r"
}
echo "Data: $N seeded patients plus the demo practice, ${Database__Provider}; exported: $(jq -r '[.output[] | "\(.type) \(.count)"] | join(", ")' "$WORK/manifest.json")"
echo
echo "| Workload | req/s | p50 | p95 | p99 | errors |"
echo "|---|---|---|---|---|---|"
run "/health" "/health" "$WORK/ids.txt"
run "FHIR Patient/{id}" "/fhir/Patient/{id}" "$WORK/ids.txt"
run "FHIR Patient?name= &_count=20" "/fhir/Patient?name={id}&_count=20" "$WORK/names.txt"
run "FHIR Observation?subject= &_count=50" "/fhir/Observation?subject=Patient/{id}&_count=50" "$WORK/ids.txt"
echo
echo "Patient-level \$export, first after start: ${EXPORTS[0]} ($((READY_RSS / 1024)) MB at ready)"
echo "Patient-level \$export, second: ${EXPORTS[1]}"
echo "Working set of the app after the run: $(( $(ps -o rss= -p "$APP_PID") / 1024 )) MB"
