# Sourced by test.sh and bench/run.sh: starts a throwaway PostgreSQL server from the machine's
# binaries (installing them with apt when missing), exports PG_PORT, PG_PASSWORD and
# PG_CONNECTION (an Npgsql connection string for user `app`), and stops it on exit.
# `start_throwaway_postgres fast` turns durability off (fsync and friends): for tests only.
# PG_EXTRA_OPTIONS adds server settings (e.g. "-c shared_buffers=4GB"), to try a tuning.

find_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

start_throwaway_postgres() {
  local mode=${1:-durable}
  PG_BIN=$(find_pg_bin)
  if [ -z "$PG_BIN" ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "PostgreSQL server binaries are missing: install them (apt-get install postgresql) or run as root." >&2
      return 1
    fi
    echo "Installing PostgreSQL server binaries..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    PG_BIN=$(find_pg_bin)
  fi

  # PostgreSQL refuses to run as root: run it as the postgres OS user, in a folder it can reach.
  PG_DIR=$(mktemp -d /tmp/customers-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$PG_DIR" --shell /usr/sbin/nologin postgres
    chown postgres "$PG_DIR"
    PG_AS=(runuser -u postgres --)
  else
    PG_AS=()
  fi

  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo $((20000 + RANDOM % 20000)))
  PG_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  "${PG_AS[@]}" sh -c "echo '$PG_PASSWORD' > '$PG_DIR/pw'"
  trap stop_throwaway_postgres EXIT

  # random_page_cost 1.1: the usual setting for SSDs and cached data. With the default (4), the
  # planner reads a whole small customers table rather than look up 500 ids in its key index.
  local options="-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=300 -c random_page_cost=1.1"
  options="$options ${PG_EXTRA_OPTIONS:-}"
  if [ "$mode" = fast ]; then
    options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U app --pwfile="$PG_DIR/pw" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 -o "$options" start >/dev/null
  PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=app;Password=$PG_PASSWORD"
  export PG_PORT PG_PASSWORD PG_CONNECTION
  echo "Throwaway PostgreSQL ($mode) on 127.0.0.1:$PG_PORT"
}

stop_throwaway_postgres() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ]; then
    "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
