#!/usr/bin/env bash
# Two settings compared at the same time on this machine: app A as it is and app B with the environment B_ENV, each on
# its own copy of one seeded SQLite file, both running throughout. Each workload runs against A, B, B, A in turn, so a
# machine that drifts (a shared host, a JIT still warming up) moves both alike. Prints req/s, p95 and each app's CPU
# per request (from /proc), and both working sets after each workload.
#   B_ENV="DOTNET_TieredPGO=0" bench/load/pair.sh [patients=50000]
#   APP=/tmp/r2r/Talus.Web.dll bench/load/pair.sh         # a build for both (e.g. a ReadyToRun publish); default: built here
#   B_APP=/tmp/other/Talus.Web.dll bench/load/pair.sh     # another build as B
#   TALUS_DB=/tmp/talus-50000.db ...                         # the seeded file (seeded here on the first run); default
#                                                            # /tmp/talus-pair-<patients>.db
#   PREWARM=90s DURATION=15s                                 # mixed load on each app before, and each measured run
# It stops only the processes it started, by process id.
set -euo pipefail
cd "$(dirname "$0")/../.."
GIVEN_APP="${APP:-}"
. bench/load/lib.sh
N="${1:-50000}"
DB_FILE="${TALUS_DB:-/tmp/talus-pair-$N.db}"
DURATION="${DURATION:-15s}"; WARMUP="${WARMUP:-3s}"
WORK="$(mktemp -d)"
need_wrk
[ -n "$GIVEN_APP" ] || dotnet build -c Release src/Talus.Web >/dev/null
trap 'stop_started; rm -rf "$WORK"' EXIT
export ASPNETCORE_ENVIRONMENT=Production Database__MigrateAtStart=true Logging__LogLevel__Default=Warning \
  Reminders__PollSeconds=0 Database__Provider=Sqlite RateLimits__PublicFormPostsPer10Minutes=1000000
[ -s "$DB_FILE" ] || ConnectionStrings__Talus="Data Source=$DB_FILE" seed_only 5309 "$WORK/seed.log" "$N"
for x in a b; do cp "$DB_FILE" "$WORK/$x.db"; done
export Demo__Seed=false
ConnectionStrings__Talus="Data Source=$WORK/a.db" start_app 5301 "$WORK/a.log"; A=$APP_PID
A_APP="$APP"; APP="${B_APP:-$APP}"
# B's environment is set in a subshell only: A, started above, never sees it.
(
  for kv in ${B_ENV:-}; do export "${kv?}"; done
  ConnectionStrings__Talus="Data Source=$WORK/b.db" start_app 5302 "$WORK/b.log"; echo "$APP_PID" > "$WORK/b.pid"
  wait "$APP_PID" 2>/dev/null || true
) &
STARTED+=("$!")
for _ in $(seq 1 100); do [ -s "$WORK/b.pid" ] && break; sleep 0.1; done
B=$(cat "$WORK/b.pid"); STARTED+=("$B"); APP="$A_APP"
wait_ready http://127.0.0.1:5301 600; wait_ready http://127.0.0.1:5302 600
echo "A: ${A_APP}; B: ${B_APP:-$A_APP} with ${B_ENV:-no extra environment}. $N patients, SQLite, wrk -t2 -c$CONNECTIONS -d$DURATION"
sign_in http://127.0.0.1:5301; pick_ids http://127.0.0.1:5301 "$WORK"; TA=$TOKEN; DA=$FRONTDESK_TOKEN
sign_in http://127.0.0.1:5302; TB=$TOKEN; DB=$FRONTDESK_TOKEN
for port in 5301 5302; do
  TOKEN=$([ "$port" = 5301 ] && echo "$TA" || echo "$TB") MIX="$MIXED" IDS_FILE="$WORK/ids.txt" \
    wrk -t2 -c"$CONNECTIONS" -d"${PREWARM:-60s}" -s bench/load/ids.lua "http://127.0.0.1:$port" >/dev/null
done

app_cpu() { cpu_ticks "$PID"; }
one() { # label port pid token path ids-file [mixed]
  export TOKEN="$4" PATH_TEMPLATE="$5"; PID="$3"; CPU_OF=app_cpu
  if [ -n "${7:-}" ]; then export MIX="$MIXED"; else unset MIX; fi
  wrk_run "http://127.0.0.1:$2" "$6"
  printf '| %s | %s | %s | %s | %s |\n' "$1" "${7:-$5}" "$RPS" "$P95" "$CPU_MS"
}
echo
echo "| app | workload | req/s | p95 ms | app CPU ms/request |"
echo "|---|---|---|---|---|"
for w in "admin|/api/patients/{id}|ids" "admin|/api/patients?q={id}&take=20|names" "desk|/api/patients?q={id}&take=20|names" \
         "admin|/patients/{id}|ids" "admin|/scheduling?location=1|none" "admin|mixed|ids"; do
  IFS='|' read -r who path ids <<<"$w"
  mix=""; [ "$path" = mixed ] && { path="/api/patients/{id}"; mix=mixed; }
  ta=$TA; tb=$TB; [ "$who" = desk ] && { ta=$DA; tb=$DB; }
  for side in A B B A; do
    if [ "$side" = A ]; then one "A $who" 5301 "$A" "$ta" "$path" "$WORK/$ids.txt" $mix
    else one "B $who" 5302 "$B" "$tb" "$path" "$WORK/$ids.txt" $mix; fi
  done
  echo "| | working set after, MB | A $(rss_mb "$A") | B $(rss_mb "$B") | |"
done
