# Throwaway PostgreSQL on 127.0.0.1 for tests. Usage:  . .ci/pg.sh; pg_start; ...; pg_stop
pg_start() {
  local bin; bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  if [ -z "$bin" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  fi
  PG_BIN="$bin"
  PG_PORT="${PG_PORT:-55432}"
  while (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; do PG_PORT=$((PG_PORT + 1)); done
  # The data directory must be reachable by the postgres user: /tmp, not inside a /root checkout.
  PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/pgtest.XXXXXX")"
  local as=()
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PG_DIR"; as=(runuser -u postgres --); fi
  "${as[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
      >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  "${as[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      >/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
  export PG_BIN PG_DIR PG_PORT PGHOST=127.0.0.1 PGPORT="$PG_PORT" PGUSER=postgres
  export TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres"
  echo "PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}') on 127.0.0.1:$PG_PORT ($PG_DIR)"
}
pg_stop() {
  [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ] || return 0
  local as=(); [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"; unset PG_DIR
}
