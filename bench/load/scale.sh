#!/usr/bin/env bash
# Two Talus instances behind HAProxy on one throwaway PostgreSQL (docs/scale-out.md):
#   PostgreSQL on PG_PORT (55447), instances on 5148 and 5149, HAProxy on 5147 (round robin, health check /health/ready)
#   and on 5146 in front of instance 1 alone.
# Runs the mixed load against one instance, then against the pair through HAProxy (with the CPU each process spent per
# request), then checks that reminders queued while both instances' senders run (workers plus "send now" calls on both)
# are each delivered exactly once.
#   bench/load/scale.sh [patients=10000] [messages=200]
# It stops only the processes it started, by process id.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/load/lib.sh
N="${1:-10000}"
MESSAGES="${2:-200}"
WORK="$(mktemp -d)"; chmod 755 "$WORK"
need_wrk
command -v haproxy >/dev/null || { apt-get update -qq && apt-get install -y -qq haproxy >/dev/null; }
dotnet build -c Release src/Talus.Web >/dev/null
. .ci/pg.sh
cleanup() { stop_started; pg_stop; rm -rf "$WORK"; }
trap cleanup EXIT
PG_PORT="${PG_PORT:-55447}" pg_start >/dev/null
DBNAME=talus_scale
export Database__Provider=Postgres ConnectionStrings__Talus="$TEST_PG;Database=$DBNAME;Maximum Pool Size=64"
python3 bench/load/smtp_sink.py "$WORK/smtp.port" "$WORK/delivered.txt" & STARTED+=("$!")
for _ in $(seq 1 50); do [ -s "$WORK/smtp.port" ] && break; sleep 0.1; done
export ASPNETCORE_ENVIRONMENT=Production Database__MigrateAtStart=true Demo__Seed=true Logging__LogLevel__Default=Warning \
  ScaleOut__KnownProxies=127.0.0.1 Reminders__PollSeconds=5 Smtp__Port="$(cat "$WORK/smtp.port")" RateLimits__PublicFormPostsPer10Minutes=1000000
start_app 5148 "$WORK/app1.log" --seed-patients "$N"; APP1=$APP_PID
wait_ready http://127.0.0.1:5148 1800
start_app 5149 "$WORK/app2.log"; APP2=$APP_PID
wait_ready http://127.0.0.1:5149 300
cat > "$WORK/haproxy.cfg" <<CFG
global
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
frontend talus
  bind 127.0.0.1:5147
  default_backend instances
backend instances
  balance roundrobin
  option httpchk GET /health/ready
  option forwardfor
  http-reuse safe
  server a 127.0.0.1:5148 check inter 2s
  server b 127.0.0.1:5149 check inter 2s
# The same proxy in front of instance 1 alone: one instance behind the load balancer, the fair base for the pair.
frontend one
  bind 127.0.0.1:5146
  default_backend single
backend single
  option httpchk GET /health/ready
  option forwardfor
  http-reuse safe
  server a 127.0.0.1:5148 check inter 2s
CFG
haproxy -f "$WORK/haproxy.cfg" -db >"$WORK/haproxy.log" 2>&1 & STARTED+=("$!"); HAPROXY=$!
wait_ready http://127.0.0.1:5147 30
sign_in http://127.0.0.1:5147
pick_ids http://127.0.0.1:5147 "$WORK"

echo "Run $(date -u +%F' '%H:%M)Z, $N patients, PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}'), wrk -t2 -c$CONNECTIONS -d$DURATION, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
# Where the CPU goes, per request: both instances, PostgreSQL (the postmaster and its backends), HAProxy, and the whole
# machine (these, wrk and the kernel).
POSTMASTER=$(head -1 "$PG_DIR/data/postmaster.pid")
cpu_groups() { echo "$(cpu_ticks "$APP1" "$APP2") $(tree_ticks "$POSTMASTER") $(cpu_ticks "$HAPROXY") $(busy_ticks)"; }
CPU_OF=cpu_groups
echo "| Target | workload | req/s | p50 ms | p95 ms | p99 ms | non-2xx | socket errors | CPU ms per request: instances / PostgreSQL / HAProxy / machine |"
echo "|---|---|---|---|---|---|---|---|---|"
row() { printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$RPS" "$P50" "$P95" "$P99" "$NON2XX" "$SOCKERR" "$CPU_MS"; }
unset MIX; export PATH_TEMPLATE=/health/live
wrk_run http://127.0.0.1:5148 "$WORK/none.txt"; row "one instance (5148)" "/health/live"
wrk_run http://127.0.0.1:5147 "$WORK/none.txt"; row "two instances via HAProxy (5147)" "/health/live"
export MIX="$MIXED"
# Each instance alone first, after a minute of the same load (WARM), so that no instance is measured while the runtime
# still compiles its hot code.
WARMUP="${WARM:-60s}" wrk_run http://127.0.0.1:5148 "$WORK/ids.txt"; row "one instance (5148)" "mixed reads"
WARMUP="${WARM:-60s}" wrk_run http://127.0.0.1:5149 "$WORK/ids.txt"; row "instance 2 alone (5149)" "mixed reads"
# One and two behind the same proxy, in the order one, two, two, one, so a machine that slows or speeds up during the
# runs weighs on both alike.
wrk_run http://127.0.0.1:5146 "$WORK/ids.txt"; ONEP=$RPS; row "one instance via HAProxy (5146)" "mixed reads"
wrk_run http://127.0.0.1:5147 "$WORK/ids.txt"; TWO=$RPS; row "two instances via HAProxy (5147)" "mixed reads"
wrk_run http://127.0.0.1:5147 "$WORK/ids.txt"; TWO=$((TWO + RPS)); row "two instances via HAProxy (5147)" "mixed reads"
wrk_run http://127.0.0.1:5146 "$WORK/ids.txt"; ONEP=$((ONEP + RPS)); row "one instance via HAProxy (5146)" "mixed reads"
echo
awk -v p="$ONEP" -v b="$TWO" 'BEGIN { printf "Pair / one on the mixed load: %.2f× (both runs of each, behind the same proxy)\n", b / p }'
echo "Working set after the load: instance 1 $(rss_mb "$APP1") MB, instance 2 $(rss_mb "$APP2") MB"

# Reminders: queue MESSAGES due now, let both workers run and call "send now" on both instances at the same time.
PSQL=("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$DBNAME" -qtA)
PATIENT=$(head -1 "$WORK/ids.txt")
TAG="scale$$"
"${PSQL[@]}" -c "INSERT INTO \"Outbox\" (\"Id\",\"PatientId\",\"Channel\",\"To\",\"Subject\",\"Body\",\"DueAt\",\"NextAttemptAt\",\"Status\",\"Attempts\",\"CreatedAt\")
  SELECT gen_random_uuid(), '$PATIENT', 'Email', 'p' || g || '.$TAG@example.org', 'Reminder', 'Sign in to see it.', now(), now(), 'Pending', 0, now()
  FROM generate_series(1, $MESSAGES) g;"
for _ in 1 2 3; do
  curl -s -X POST http://127.0.0.1:5148/api/scheduling/reminders/send-due -H "Authorization: Bearer $TOKEN" >/dev/null & C1=$!
  curl -s -X POST http://127.0.0.1:5149/api/scheduling/reminders/send-due -H "Authorization: Bearer $TOKEN" >/dev/null & C2=$!
  wait "$C1" "$C2" || true   # only these two calls: a bare wait would wait for the instances too
done
for _ in $(seq 1 60); do
  LEFT=$("${PSQL[@]}" -c "SELECT count(*) FROM \"Outbox\" WHERE \"To\" LIKE '%.$TAG@example.org' AND \"Status\" = 'Pending'")
  [ "$LEFT" = 0 ] && break; sleep 2
done
SENT=$("${PSQL[@]}" -c "SELECT count(*) FROM \"Outbox\" WHERE \"To\" LIKE '%.$TAG@example.org' AND \"Status\" = 'Sent'")
LOGGED=$("${PSQL[@]}" -c "SELECT count(*) FROM \"DeliveryLog\" l JOIN \"Outbox\" m ON m.\"Id\" = l.\"MessageId\" WHERE m.\"To\" LIKE '%.$TAG@example.org' AND l.\"Succeeded\"")
RECEIVED=$(grep -c "\.$TAG@example.org" "$WORK/delivered.txt" || true)
DISTINCT=$(grep "\.$TAG@example.org" "$WORK/delivered.txt" | sort -u | wc -l)
LEASE=$("${PSQL[@]}" -c "SELECT \"Name\" || ' held by ' || \"Holder\" FROM \"WorkerLeases\" WHERE \"Name\" = 'reminders'")
RUNS=$("${PSQL[@]}" -c "SELECT count(DISTINCT \"ClaimedBy\") FROM \"Outbox\" WHERE \"To\" LIKE '%.$TAG@example.org'")
echo
echo "Reminders: $MESSAGES queued; $SENT marked sent; $LOGGED successful deliveries logged; $RECEIVED received by the SMTP sink ($DISTINCT distinct recipients); sent by $RUNS sender runs; worker lease: $LEASE"
if [ "$SENT" = "$MESSAGES" ] && [ "$RECEIVED" = "$MESSAGES" ] && [ "$DISTINCT" = "$MESSAGES" ] && [ "$LOGGED" = "$MESSAGES" ]; then
  echo "Nothing lost, nothing sent twice."
else
  echo "MISMATCH: messages lost or sent twice"; exit 1
fi
