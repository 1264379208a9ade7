# Starts and stops a throwaway PostgreSQL for tests and benchmarks. Source it, then:
#   postgres_start   # exports FILE_CONNECTOR_TEST_POSTGRES_URL (admin URL, password auth on TCP)
#   postgres_stop    # stops the server by its pid and removes its directory
#   postgres_pause   # stops the server, keeping its data (fault tests: the store going away)
#   postgres_resume  # starts it again on the same port
# As root the server runs as the `postgres` user (PostgreSQL refuses to run as root).
# A server that cannot be started is an error, never a skip.

postgres_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)" >&2; return 1; }
  echo "$dir"
}

postgres_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

postgres_start() {
  local bin port password as_user=()
  bin=$(postgres_bin) || return 1
  PG_TEST_DIR=$(mktemp -d /tmp/file-connector-pg.XXXXXX)
  chmod 755 "$PG_TEST_DIR"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$PG_TEST_DIR" postgres
    chown postgres "$PG_TEST_DIR"
    as_user=(runuser -u postgres --)
  fi
  password="fc-test-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  printf '%s\n' "$password" > "$PG_TEST_DIR/pwfile"
  [ ${#as_user[@]} -eq 0 ] || chown postgres "$PG_TEST_DIR/pwfile"
  "${as_user[@]}" "$bin/initdb" -D "$PG_TEST_DIR/data" -U postgres --pwfile="$PG_TEST_DIR/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PG_TEST_DIR/initdb.log" 2>&1 \
    || { cat "$PG_TEST_DIR/initdb.log" >&2; echo "initdb failed" >&2; return 1; }
  port=$(postgres_free_port)
  printf '%s\n' "-k $PG_TEST_DIR -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" > "$PG_TEST_DIR/options"
  postgres_resume || return 1
  export FILE_CONNECTOR_TEST_POSTGRES_URL="postgres://postgres:${password}@127.0.0.1:${port}/postgres?sslmode=disable"
  export FILE_CONNECTOR_TEST_POSTGRES_DISPLAY="127.0.0.1:${port} (data in $PG_TEST_DIR)"
  export PG_TEST_DIR
}

postgres_resume() {
  local bin as_user=()
  bin=$(postgres_bin) || return 1
  [ "$(id -u)" -ne 0 ] || as_user=(runuser -u postgres --)
  "${as_user[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 60 \
    -o "$(cat "$PG_TEST_DIR/options")" start >/dev/null \
    || { cat "$PG_TEST_DIR/server.log" >&2; echo "PostgreSQL did not start" >&2; return 1; }
}

postgres_pause() {
  local bin as_user=()
  bin=$(postgres_bin) || return 1
  [ "$(id -u)" -ne 0 ] || as_user=(runuser -u postgres --)
  "${as_user[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -w -t 60 -m fast stop >/dev/null
}

postgres_stop() {
  [ -n "${PG_TEST_DIR:-}" ] || return 0
  local pid
  pid=$(head -1 "$PG_TEST_DIR/data/postmaster.pid" 2>/dev/null || true)
  if [ -n "$pid" ]; then
    kill -INT "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$PG_TEST_DIR"
  PG_TEST_DIR=
}
