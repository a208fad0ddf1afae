#!/usr/bin/env bash
# The follow-up escalation pass at network scale. On a copy of a seeded database whose open follow-up visits are all
# owed their invitation (a network's first pass after an upgrade or a long outage), starts the app with the pass every
# minute and no load, samples its working set every 0.25 s until the pass has logged its result, and prints the working
# set at ready, its peak (VmHWM) and after the pass, the pass's result and the emails it queued.
# Usage: TALUS_PG="Host=127.0.0.1;Port=5432;Username=postgres" TALUS_PG_DB=<seeded database> bench/load/followup.sh [port=5146]
#        TALUS_DB=<seeded SQLite file> bench/load/followup.sh [port]
# (seed either with bench/load/run.sh: TALUS_PG_DB=<name> or TALUS_DB=<file> keeps what it seeds). APP=<publish>/Talus.Web.dll
# measures a ReadyToRun publish.
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT="${1:-5146}"
. bench/load/lib.sh
[ -f "$APP" ] || dotnet build -c Release src/Talus.Web >/dev/null
WORK="$(mktemp -d)"
RESET='DELETE FROM "Outbox"; DELETE FROM "PatientLinks" WHERE "Purpose" = '"'Questionnaire'"';
UPDATE "FollowUpVisits" SET "InvitedAt" = NULL, "RemindersSent" = 0, "LastReminderAt" = NULL WHERE "Status" = '"'Open'"';'
if [ -n "${TALUS_PG:-}" ]; then
  HOST=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$TALUS_PG"); PGP=$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$TALUS_PG")
  USER_=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$TALUS_PG")
  PSQL=(psql -q -h "$HOST" -p "${PGP:-5432}" -U "${USER_:-postgres}")
  COPY="talus_followup_$$"
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE $COPY TEMPLATE ${TALUS_PG_DB:?the seeded database}"
  "${PSQL[@]}" -d "$COPY" -c "$RESET"
  export Database__Provider=Postgres ConnectionStrings__Talus="$TALUS_PG;Database=$COPY"
  outbox() { "${PSQL[@]}" -d "$COPY" -tAc 'SELECT count(*) FROM "Outbox"'; }
  cleanup() { stop_started; "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $COPY" || true; rm -rf "$WORK"; }
else
  cp "${TALUS_DB:?a seeded SQLite file}" "$WORK/copy.db"
  python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()' "$WORK/copy.db" "$RESET"
  export Database__Provider=Sqlite ConnectionStrings__Talus="Data Source=$WORK/copy.db"
  outbox() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM Outbox").fetchone()[0])' "$WORK/copy.db"; }
  cleanup() { stop_started; rm -rf "$WORK"; }
fi
trap cleanup EXIT
export ASPNETCORE_ENVIRONMENT=Production Database__MigrateAtStart=true Logging__LogLevel__Default=Warning \
  Reminders__PollSeconds=0 FollowUp__PollMinutes=1 Demo__Seed=false
start_app "$PORT" "$WORK/app.log" --Logging:LogLevel:Talus.Web.Features.FollowUp=Information
wait_ready "http://127.0.0.1:$PORT" 900
READY=$(rss_mb "$APP_PID"); T0=$(date +%s)
until grep -q 'Follow-up: \|escalation run failed' "$WORK/app.log"; do
  sleep 0.25
  [ $(( $(date +%s) - T0 )) -lt 600 ] || { echo "no pass within 10 minutes" >&2; exit 1; }
done
sleep 5
echo "working set: ready $READY MB, peak $(awk '/VmHWM/ {print int($2/1024)}' "/proc/$APP_PID/status") MB, 5 s after the pass $(rss_mb "$APP_PID") MB"
grep -o '"Message":"Follow-up: [^"]*\|escalation run failed' "$WORK/app.log" | sed 's/^"Message":"//'
echo "emails queued: $(outbox); database: $Database__Provider; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
