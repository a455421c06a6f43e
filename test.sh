#!/usr/bin/env bash
# Runs the whole test suite, the web app's browser tests included, on SQLite and on a throwaway
# PostgreSQL server started here (from the machine's PostgreSQL binaries, installed with apt when
# missing, as is Chromium), then stops it.
# Fails if the PostgreSQL half did not run. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

# The browser tests drive Debian's Chromium (never a downloaded one).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Chromium is missing: install it (apt-get install chromium) or run as root." >&2
    exit 1
  fi
  echo "Installing Chromium..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# The Dockerfile, checked by a linter from npm (no image can be built here: no Docker engine).
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "npm is missing: install it (apt-get install npm) or run as root." >&2
    exit 1
  fi
  echo "Installing npm..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
fi
npm ci --prefix scripts/dockerfile-lint --no-audit --no-fund --silent
scripts/dockerfile-lint/node_modules/.bin/dockerfile-utils lint Dockerfile
echo "Dockerfile: no lint findings"

source scripts/throwaway-postgres.sh
start_throwaway_postgres fast

export CUSTOMERS_TEST_POSTGRES="$PG_CONNECTION;Database=postgres"

RESULTS=$(mktemp -d /tmp/customers-results.XXXXXX)
status=0
dotnet test Customers.slnx --logger "trx;LogFilePrefix=results" --results-directory "$RESULTS" "$@" || status=$?

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
