# Sourced by test.sh: a throwaway PostgreSQL cluster for one test run, shared by both of its runs.
# start_postgres exports GAMESERVER_TEST_POSTGRES (the tests make their databases on it);
# stop_postgres stops it by the PID it started with and deletes its directory. A server named by
# GAMESERVER_TEST_POSTGRES beforehand is used as it is, and neither started nor stopped here.

pg_directory=""
pg_pid=""

pg_as_owner() {
  # PostgreSQL refuses to run as root: as root, its tools run as the postgres user.
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_postgres() {
  if [ -n "${GAMESERVER_TEST_POSTGRES:-}" ]; then
    return
  fi

  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)." >&2
    exit 1
  fi

  pg_directory="$(pg_as_owner mktemp -d /tmp/gameserver-pg.XXXXXX)"
  local port
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  pg_as_owner "$bin/initdb" -D "$pg_directory/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null
  # A throwaway cluster need survive no machine crash: no flushing to disk. Commits are still
  # acknowledged only once written, and a killed GameServer loses nothing (the cluster keeps running).
  pg_as_owner "$bin/pg_ctl" -D "$pg_directory/data" -l "$pg_directory/server.log" -w -t 60 \
    -o "-p $port -k $pg_directory -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c full_page_writes=off" \
    start >/dev/null
  pg_pid="$(head -n 1 "$pg_directory/data/postmaster.pid")"
  pg_bin="$bin"
  export GAMESERVER_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  # Deleted whole at the end: the tests need not drop their databases one by one (minutes for hundreds).
  export GAMESERVER_TEST_POSTGRES_THROWAWAY=1
  echo "PostgreSQL for the tests: pid $pg_pid on 127.0.0.1:$port ($pg_directory)"
}

stop_postgres() {
  [ -n "$pg_pid" ] || return 0
  pg_as_owner "$pg_bin/pg_ctl" -D "$pg_directory/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  if kill -0 "$pg_pid" 2>/dev/null; then
    kill -KILL "$pg_pid" 2>/dev/null || true
  fi
  rm -rf "$pg_directory"
  pg_pid=""
}
