#!/usr/bin/env bash
# First request to each main page after a start: the app in Release on an already-seeded SQLite database (seeded
# here first when the file does not exist yet), started, then each page asked once, in order, and timed with curl.
# Prints the time to readiness, one table row per page (status, milliseconds, target < 500 ms, the same request again)
# and the working set.
#   bench/load/coldstart.sh [patients=50000]          # database kept in /tmp/talus-coldstart-<patients>.db
#   TALUS_DB=/path/to/seeded.db bench/load/coldstart.sh
# It stops only the processes it started, by process id.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/load/lib.sh
N="${1:-50000}"
PORT="${PORT:-5198}"
URL="http://127.0.0.1:$PORT"
DB_FILE="${TALUS_DB:-/tmp/talus-coldstart-$N.db}"
WORK="$(mktemp -d)"
[[ "$APP" = /* ]] || dotnet build -c Release src/Talus.Web >/dev/null   # APP=/abs/Talus.Web.dll: that build as it is
cleanup() { stop_started; rm -rf "$WORK"; }
trap cleanup EXIT
export ASPNETCORE_ENVIRONMENT=Production Database__MigrateAtStart=true Demo__Seed=true Logging__LogLevel__Default=Warning \
  Reminders__PollSeconds=0 FollowUp__PollMinutes=0 Database__Provider=Sqlite ConnectionStrings__Talus="Data Source=$DB_FILE"
if [ ! -s "$DB_FILE" ]; then
  echo "Seeding $N patients into $DB_FILE (once)..."
  seed_only "$PORT" "$WORK/seed.log" "$N"
fi
# A patient of the seeded set for the chart and the REST read (read from the file: asking the app would warm it).
PATIENT=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(
  'select Id from Patients order by Id limit 1 offset 1000').fetchone()[0].lower())" "$DB_FILE")

START=$(date +%s%N)
Demo__Seed=false start_app "$PORT" "$WORK/app.log"
until curl -sf -o /dev/null "$URL/health/ready"; do
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log" >&2; exit 1; }
  sleep 0.05
done
READY_MS=$(( ($(date +%s%N) - START) / 1000000 ))

first() { # label path [token]: one timed GET, the first of its kind since the start
  local label="$1" path="$2" auth=()
  [ -n "${3:-}" ] && auth=(-H "Authorization: Bearer $3")
  read -r code secs < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "${auth[@]}" "$URL$path")
  local ms; ms=$(awk -v s="$secs" 'BEGIN { printf "%.0f", s * 1000 }')
  # The same request again: what the page costs warm, so a slow first request shows as start-up cost or as the page's own.
  read -r _ secs < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "${auth[@]}" "$URL$path")
  local again; again=$(awk -v s="$secs" 'BEGIN { printf "%.0f", s * 1000 }')
  printf '| %s | `%s` | %s | %s | %s | %s |\n' "$label" "$path" "$code" "$ms" "$([ "$ms" -lt 500 ] && echo ✔ || echo ✘)" "$again"
}

echo "Cold start $(date -u +%F' '%H:%M)Z, $N patients, SQLite, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Start to /health/ready answering 200: $READY_MS ms"
echo
echo "| First request after start | path | status | ms | < 500 ms | second request ms |"
echo "|---|---|---|---|---|---|"
first "Sign-in page" "/signin"
T0=$(date +%s%N)
TOKEN=$(token_of "$URL" admin@talus.example)
echo "| Sign-in (token, admin) | \`POST /api/auth/token\` | — | $(( ($(date +%s%N) - T0) / 1000000 )) | — | — |"
CLINICIAN=$(token_of "$URL" clinician@talus.example); BILLING=$(token_of "$URL" billing@talus.example)
OUTCOMES=$(token_of "$URL" outcomes@talus.example); PATIENT_TOKEN=$(token_of "$URL" patient@talus.example)
first "Podiatrist home" "/clinic" "$CLINICIAN"
first "Patient list" "/patients" "$TOKEN"
first "Chart" "/patients/$PATIENT" "$TOKEN"
first "Day view" "/scheduling?location=1" "$TOKEN"
first "Week view" "/scheduling?location=1&view=week" "$TOKEN"
first "Financial counselor home" "/billing" "$BILLING"
first "Outcomes home" "/outcomes" "$OUTCOMES"
first "Patient portal" "/portal" "$PATIENT_TOKEN"
first "FHIR CapabilityStatement" "/fhir/metadata"
first "REST patient read" "/api/patients/$PATIENT" "$TOKEN"
echo
echo "Working set after these requests: $(rss_mb "$APP_PID") MB"
