#!/usr/bin/env bash
# The de-identified research export alone: starts a fresh app (Release, signed in, audit on) on a database that
# bench/load/registry.sh already seeded, streams the export once and prints the app's working set before and its peak
# (VmHWM) after, so the figure is the export's, not the seeding's or the dashboard's.
# Usage: bench/load/registry-export.sh [patients=50000] [port=5141]   (TALUS_PG="Host=…;Username=…" for PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-50000}"; PORT="${2:-5141}"
APP=src/Talus.Web/bin/Release/net10.0/Talus.Web.dll
if [ -n "${TALUS_PG:-}" ]; then
  export Database__Provider=Postgres ConnectionStrings__Talus="$TALUS_PG;Database=talus_registry_$N;Command Timeout=600"
else
  DB="${TALUS_REGISTRY_DB:-/tmp/talus-registry-$N.db}"; [ -f "$DB" ] || { echo "seed first: bench/load/registry.sh $N" >&2; exit 1; }
  export Database__Provider=Sqlite ConnectionStrings__Talus="Data Source=$DB"
fi
export ASPNETCORE_ENVIRONMENT=Production Database__MigrateAtStart=true Demo__Seed=true Logging__LogLevel__Default=Warning FollowUp__PollMinutes=0
(cd src/Talus.Web && exec dotnet "../../$APP" --urls "http://127.0.0.1:$PORT") & APP_PID=$!
trap 'kill "$APP_PID" 2>/dev/null || true' EXIT   # only the app this script started
for _ in $(seq 1 3600); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 1; done
TOKEN=$(curl -s -X POST "http://127.0.0.1:$PORT/api/auth/token" -H 'content-type: application/json' \
  -d '{"email":"admin@talus.example","password":"Talus-demo-2026"}' | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
mb() { awk -v k="$1:" '$1 == k {print int($2/1024)}' "/proc/$APP_PID/status"; }
echo "before the export: working set $(mb VmRSS) MB, peak so far $(mb VmHWM) MB"
OUT=$(mktemp); T=$(curl -s -o "$OUT" -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/outcomes/research-export.csv")
LINES=$(($(wc -l < "$OUT") - 1)); rm -f "$OUT"
echo "export: $LINES rows in $T s ($(awk -v n="$LINES" -v t="$T" 'BEGIN {printf "%d", n / t}') rows/s); peak working set (VmHWM) $(mb VmHWM) MB, now $(mb VmRSS) MB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
