#!/usr/bin/env bash
# Runs the whole test suite on SQLite and on a throwaway PostgreSQL server started here
# (from the machine's PostgreSQL binaries, installed with apt when missing), then stops it.
# Fails if the PostgreSQL half did not run. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

find_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

PG_BIN=$(find_pg_bin)
if [ -z "$PG_BIN" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL server binaries are missing: install them (apt-get install postgresql) or run as root." >&2
    exit 1
  fi
  echo "Installing PostgreSQL server binaries..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PG_BIN=$(find_pg_bin)
fi

# PostgreSQL refuses to run as root: run it as the postgres OS user, in a folder it can reach.
PG_DIR=$(mktemp -d /tmp/customers-pg.XXXXXX)
chmod 755 "$PG_DIR"
as_pg() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir "$PG_DIR" --shell /usr/sbin/nologin postgres
  chown postgres "$PG_DIR"
  as_pg() { runuser -u postgres -- "$@"; }
fi

PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo $((20000 + RANDOM % 20000)))
PG_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
as_pg sh -c "echo '$PG_PASSWORD' > '$PG_DIR/pw'"

stop_pg() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_pg EXIT

as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U app --pwfile="$PG_DIR/pw" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null
echo "Throwaway PostgreSQL on 127.0.0.1:$PG_PORT"

export CUSTOMERS_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=app;Password=$PG_PASSWORD;Database=postgres"

RESULTS=$(mktemp -d /tmp/customers-results.XXXXXX)
status=0
dotnet test Customers.slnx --logger "trx;LogFileName=results.trx" --results-directory "$RESULTS" "$@" || status=$?

# Count outcomes from the test results, and prove the PostgreSQL half ran.
python3 - "$RESULTS" <<'PY' || status=1
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = postgres = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    for r in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        outcome = r.get("outcome")
        if outcome == "Passed":
            passed += 1
            postgres += "Postgres" in r.get("testName", "")
        elif outcome == "Failed":
            failed += 1
        else:
            skipped += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
if postgres == 0:
    print("No PostgreSQL test passed: the PostgreSQL half of the suite did not run.", file=sys.stderr)
    sys.exit(1)
print(f"({postgres} of them on PostgreSQL)")
PY
rm -rf "$RESULTS"
exit $status
