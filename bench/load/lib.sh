# Shared by run.sh, scale.sh, fhir.sh, registry.sh and followup.sh: start the app, sign in, pick ids, run one wrk workload, sample memory.
# Everything started here is remembered by process id and stopped by stop_started (never by name).
STARTED=()
APP="${APP:-src/Talus.Web/bin/Release/net10.0/Talus.Web.dll}"   # APP=/abs/path/Talus.Web.dll: another build (e.g. a ReadyToRun publish)
CONNECTIONS="${CONNECTIONS:-16}"
DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-5s}"

stop_started() {
  local pid
  for pid in "${STARTED[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED[@]}"; do wait "$pid" 2>/dev/null || true; done
}

need_wrk() { command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }; }

# The memory settings only the environment can give (docs/decisions/0014-read-paths.md, "Memory and start"): an 8 MB
# gen0 budget instead of one sized from the 32 MB L3 cache, two glibc malloc arenas instead of one per thread, and
# compiled code mapped once instead of twice (W^X off).
memory_env() {
  export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x800000}" MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" \
    DOTNET_EnableWriteXorExecute="${DOTNET_EnableWriteXorExecute:-0}"
}

# start_app PORT LOG [extra args...]: the app in Release with the environment already exported; echoes nothing.
start_app() {
  local port="$1" log="$2"; shift 2
  local dll="$APP"; [[ "$dll" = /* ]] || dll="../../$dll"
  memory_env
  (cd src/Talus.Web && exec dotnet "$dll" --urls "http://127.0.0.1:$port" "$@") >"$log" 2>&1 &
  STARTED+=("$!")
  APP_PID=$!
}

# stop_app: stops the app start_app started last (by its process id) and forgets it.
stop_app() {
  kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true
  local kept=() pid
  for pid in "${STARTED[@]}"; do [ "$pid" = "$APP_PID" ] || kept+=("$pid"); done
  STARTED=("${kept[@]}")
}

# seed_then_serve PORT LOG N: when the database has no synthetic patients yet (SEEDED unset), starts the app once to
# seed N patients and stops it; then starts it again without seeding, so what is measured is serving alone (the seeding
# process's allocations, caches and compiled code are not in its working set).
seed_then_serve() {
  local port="$1" log="$2" n="$3"
  [ -n "${SEEDED:-}" ] || seed_only "$port" "$log.seed" "$n"
  Demo__Seed=false start_app "$port" "$log"
}

# seed_only PORT LOG N [extra args...]: starts the app once to seed N patients (and the demo practice) into its
# database, and stops it.
seed_only() {
  local port="$1" log="$2" n="$3"; shift 3
  Demo__Seed=true start_app "$port" "$log" --seed-patients "$n" "$@"
  wait_ready "http://127.0.0.1:$port" 3600
  stop_app
}

wait_ready() { # URL [seconds]
  local i
  for i in $(seq 1 "${2:-900}"); do curl -sf "$1/health/ready" >/dev/null && return 0; sleep 1; done
  echo "not ready: $1" >&2; return 1
}

token_of() { # URL EMAIL -> a demo user's bearer token
  curl -s -X POST "$1/api/auth/token" -H 'content-type: application/json' \
    -d "{\"email\":\"$2\",\"password\":\"Talus-demo-2026\"}" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p'
}

sign_in() { # URL -> exports TOKEN (the demo administrator), CLINICIAN_TOKEN (the plan page is the clinician's alone) and
  # FRONTDESK_TOKEN (a located user: two of the four locations, decision 0019)
  TOKEN=$(token_of "$1" admin@talus.example); CLINICIAN_TOKEN=$(token_of "$1" clinician@talus.example)
  FRONTDESK_TOKEN=$(token_of "$1" frontdesk@talus.example)
  export TOKEN CLINICIAN_TOKEN FRONTDESK_TOKEN
}

pick_ids() { # URL WORKDIR: 100 synthetic patients (the name search for Garcia), names for the searches, one dummy id
  curl -s "$1/api/patients?q=Garcia&take=100" -H "Authorization: Bearer $TOKEN" \
    | grep -o '"id":"[^"]*"' | cut -d'"' -f4 > "$2/ids.txt"
  printf 'GARCIA\nLOPEZ\nNGUYEN\nSMITH\nKIM\nPATEL\nTORRES\nRIVERA\n' > "$2/names.txt"
  curl -s "$1/api/patients?q=Garcia&take=100" -H "Authorization: Bearer $CLINICIAN_TOKEN" \
    | grep -o '"id":"[^"]*"' | cut -d'"' -f4 > "$2/clinician-ids.txt"
  curl -s "$1/api/patients?q=Garcia&take=100" -H "Authorization: Bearer $FRONTDESK_TOKEN" \
    | grep -o '"id":"[^"]*"' | cut -d'"' -f4 > "$2/frontdesk-ids.txt"
  echo x > "$2/none.txt"
}

# wrk_run URL IDS_FILE -> sets REQS RPS P50 P95 P99 NON2XX SOCKERR (ms with one decimal) from the Lua done() hook
wrk_run() {
  local url="$1"; export IDS_FILE="$2"
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s bench/load/ids.lua "$url" >/dev/null 2>&1 || true
  local line before=""
  [ -n "${CPU_OF:-}" ] && before=$("$CPU_OF")
  line=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s bench/load/ids.lua "$url" | grep '^RESULT')
  read -r _ REQS DUR P50 P95 P99 NON2XX SOCKERR <<<"$line"
  RPS=$(awk -v r="$REQS" -v d="$DUR" 'BEGIN { printf "%.0f", r / (d / 1e6) }')
  # CPU_OF names a function printing CPU ticks (1/100 s) per group of processes: CPU_MS is each group's CPU ms per request.
  [ -n "$before" ] && CPU_MS=$(awk -v a="$before" -v b="$("$CPU_OF")" -v n="$REQS" 'BEGIN {
    k = split(a, x, " "); split(b, y, " "); for (i = 1; i <= k; i++) printf "%s%.2f", (i > 1 ? " / " : ""), (y[i] - x[i]) * 10 / n }')
  P50=$(awk -v v="$P50" 'BEGIN { printf "%.1f", v / 1000 }'); P95=$(awk -v v="$P95" 'BEGIN { printf "%.1f", v / 1000 }')
  P99=$(awk -v v="$P99" 'BEGIN { printf "%.1f", v / 1000 }')
}

# cpu_ticks PID...: user and system CPU ticks (1/100 s) the processes have used, their threads included.
cpu_ticks() {
  local p files=()
  for p in "$@"; do [ -r "/proc/$p/stat" ] && files+=("/proc/$p/stat"); done
  [ ${#files[@]} -gt 0 ] || { echo 0; return; }
  awk '{ sub(/^.*\) /, ""); t += $12 + $13 } END { print t + 0 }' "${files[@]}" 2>/dev/null
}

# tree_ticks PID: the CPU ticks of a server process and of its children, those that have ended included (as PostgreSQL's
# postmaster and its backends: a backend the pool closes during a run still counts).
tree_ticks() {
  local own
  own=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0)
  echo $((own + $(cpu_ticks $(pgrep -P "$1" || true))))
}

# busy_ticks: CPU ticks of the whole machine that were not idle (every process, the load generator and the kernel).
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }

rss_mb() { echo $(( $(ps -o rss= -p "$1" 2>/dev/null || echo 0) / 1024 )); }

# The mixed load of the sustained run and of the scale-out comparison: reads across the main pages and calls.
MIXED='/api/patients/{id}|/patients/{id}|/patients/{id}/candidacy|/patients/{id}/decision-aid|/api/scheduling/patients/{id}/appointments|/patients/{id}/estimate|/api/patients/{id}/consents|/patients/{id}/evaluations|/scheduling?location=1|/api/scheduling/worklists/today'
