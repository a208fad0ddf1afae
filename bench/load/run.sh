#!/usr/bin/env bash
# Load test on this machine: the app in Release with N synthetic patients, signed in (auth and audit on), wrk -t2
# -c16 -d30s after a 5 s warm-up per workload. Prints one table row per workload: req/s, p50/p95/p99 (from wrk's
# latency histogram through the Lua done() hook) and throughput as a ratio of /health/live from the same run.
#   bench/load/run.sh [patients=50000] [workload regex, e.g. "Estimate|GFE"; /health/live always runs]
#   TALUS_PG="Host=127.0.0.1;Port=5432;Username=postgres" bench/load/run.sh 50000   # PostgreSQL server (new database)
#   TALUS_PG=throwaway bench/load/run.sh 50000                                       # a throwaway PostgreSQL (.ci/pg.sh)
#   TALUS_PG="Host=127.0.0.1;Port=5432;Username=postgres" TALUS_PG_DB=talus_bench_21768 bench/load/run.sh 50000   # reuse a seeded database
#   MODE=sustained bench/load/run.sh 50000   # 10 minutes of mixed load, working set sampled every 30 s
#   TALUS_DB=/tmp/talus-50000.db bench/load/run.sh 50000   # SQLite file kept and reused (seeded on the first run only)
# The app seeds in a first process, then is started again on the seeded database: only serving is measured.
# It stops only the processes it started, by process id.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/load/lib.sh
N="${1:-50000}"
ONLY="${2:-.}"
PORT="${PORT:-5199}"
URL="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"
need_wrk
dotnet build -c Release src/Talus.Web >/dev/null
OWN_PG=""   # set when this script started the throwaway PostgreSQL: only that one is stopped at the end
cleanup() { stop_started; [ -n "$OWN_PG" ] && pg_stop; rm -rf "$WORK"; }
trap cleanup EXIT
if [ "${TALUS_PG:-}" = throwaway ]; then
  . .ci/pg.sh; PG_PORT="${PG_PORT:-55447}" pg_start >/dev/null; OWN_PG=1; TALUS_PG="$TEST_PG"
fi
if [ -n "${TALUS_PG:-}" ]; then
  export Database__Provider=Postgres ConnectionStrings__Talus="$TALUS_PG;Database=${TALUS_PG_DB:-talus_bench_$$};Maximum Pool Size=64"
  [ -n "${TALUS_PG_DB:-}" ] && SEEDED=1
  DB=PostgreSQL
else
  DB_FILE="${TALUS_DB:-$WORK/bench.db}"
  [ -s "$DB_FILE" ] && SEEDED=1
  export Database__Provider=Sqlite ConnectionStrings__Talus="Data Source=$DB_FILE"
  DB=SQLite
fi
export ASPNETCORE_ENVIRONMENT=Production Database__MigrateAtStart=true Demo__Seed=true Logging__LogLevel__Default=Warning \
  Reminders__PollSeconds=0 RateLimits__PublicFormPostsPer10Minutes=1000000
seed_then_serve "$PORT" "$WORK/app.log" "$N"
wait_ready "$URL" 1800
sign_in "$URL"
pick_ids "$URL" "$WORK"

if [ "${MODE:-}" = sustained ]; then
  SUSTAIN="${SUSTAIN:-600}"
  echo "Sustained mixed load, $SUSTAIN s, $N patients, $DB, wrk -t2 -c$CONNECTIONS; working set every 30 s (MB):"
  export MIX="$MIXED" IDS_FILE="$WORK/ids.txt"
  wrk -t2 -c"$CONNECTIONS" -d"${SUSTAIN}s" -s bench/load/ids.lua "$URL" > "$WORK/wrk.out" &
  WRK_PID=$!; STARTED+=("$WRK_PID")
  SAMPLES=()
  for _ in $(seq 1 $((SUSTAIN / 30))); do sleep 30; SAMPLES+=("$(rss_mb "$APP_PID")"); done
  wait "$WRK_PID" || true
  echo "${SAMPLES[*]}"
  read -r _ REQS DUR P50 P95 P99 NON2XX SOCKERR < <(grep '^RESULT' "$WORK/wrk.out")
  awk -v r="$REQS" -v d="$DUR" -v p50="$P50" -v p95="$P95" -v p99="$P99" -v e="$NON2XX" \
    'BEGIN { printf "mixed: %.0f req/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, non-2xx %d\n", r/(d/1e6), p50/1000, p95/1000, p99/1000, e }'
  printf '%s\n' "${SAMPLES[@]}" | awk 'NR==1{first=$1} {if(min==""||$1<min)min=$1; if($1>max)max=$1; last=$1}
    END { printf "working set: first %d MB, last %d MB, min %d, max %d; second half vs first sample %+d MB (%s)\n",
      first, last, min, max, last-first, (last-first <= 0.1*first) ? "flat" : "growing" }'
  exit 0
fi

HEALTH_RPS=""
run() { # name path-template [ids-file] [method] [body] [token]
  local name="$1"; export PATH_TEMPLATE="$2"; local ids="${3:-$WORK/ids.txt}"
  [[ "$name" == /health/live* || "$name" =~ $ONLY ]] || return 0
  if [ -n "${4:-}" ]; then export METHOD="$4" BODY="$5"; else unset METHOD BODY; fi
  local admin="$TOKEN"; TOKEN="${6:-$TOKEN}"
  wrk_run "$URL" "$ids"
  TOKEN="$admin"
  [ -z "$HEALTH_RPS" ] && HEALTH_RPS="$RPS"
  local ratio; ratio=$(awk -v a="$RPS" -v b="$HEALTH_RPS" 'BEGIN { printf "%.3f", a / b }')
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$RPS" "$P50" "$P95" "$P99" "$ratio" "$NON2XX"
}
echo "Run $(date -u +%F' '%H:%M)Z, $N patients, $DB, wrk -t2 -c$CONNECTIONS -d$DURATION, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| Workload ($N patients, $DB) | req/s | p50 ms | p95 ms | p99 ms | × /health/live | non-2xx |"
echo "|---|---|---|---|---|---|---|"
run "/health/live (no database)" "/health/live" "$WORK/none.txt"
run "/health/ready (database ping)" "/health/ready" "$WORK/none.txt"
run "REST patient read /api/patients/{id}" "/api/patients/{id}"
run "REST patient name search, 20 rows" "/api/patients?q={id}&take=20" "$WORK/names.txt"
run "REST patient read, front desk (two locations)" "/api/patients/{id}" "$WORK/frontdesk-ids.txt" "" "" "$FRONTDESK_TOKEN"
run "REST name search, 20 rows, front desk" "/api/patients?q={id}&take=20" "$WORK/names.txt" "" "" "$FRONTDESK_TOKEN"
run "Chart page /patients/{id}" "/patients/{id}"
run "Patient list page /patients?q=" "/patients?q={id}" "$WORK/names.txt"
run "Day view /scheduling" "/scheduling?location=1"
run "Week view /scheduling?view=week" "/scheduling?location=1&view=week"
run "Evaluations page" "/patients/{id}/evaluations"
run "Candidacy page" "/patients/{id}/candidacy"
run "Decision aid page" "/patients/{id}/decision-aid"
run "Plan page (clinician)" "/patients/{id}/plan" "$WORK/clinician-ids.txt" "" "" "$CLINICIAN_TOKEN"
run "Consent REST list /api/patients/{id}/consents" "/api/patients/{id}/consents"
run "Estimate page /patients/{id}/estimate" "/patients/{id}/estimate"
run "REST estimates /api/billing/patients/{id}/estimates" "/api/billing/patients/{id}/estimates"
run "GFE worklist page /billing/gfe" "/billing/gfe" "$WORK/none.txt"
run "GFE worklist API /api/billing/gfe-worklist" "/api/billing/gfe-worklist" "$WORK/none.txt"
run "Worklists page /scheduling/worklists" "/scheduling/worklists" "$WORK/none.txt"
run "Worklist API /api/scheduling/worklists/today" "/api/scheduling/worklists/today" "$WORK/none.txt"
run "Questionnaire submit (NRS pain) POST" "/api/patients/{id}/questionnaires?submit=true" "$WORK/ids.txt" POST \
  '{"instrument":"NrsPain","answers":{"NrsPain":4}}'
echo
echo "Working set of the app after the run: $(rss_mb "$APP_PID") MB"
