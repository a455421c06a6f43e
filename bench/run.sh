#!/usr/bin/env bash
# Benchmark: starts a throwaway PostgreSQL (durable settings) and the service built in Release,
# runs bench/Customers.Bench against it, stops both and prints a table.
# To measure a service that is already running instead:
#   dotnet run -c Release --project bench/Customers.Bench -- --url URL --username U --password P
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/throwaway-postgres.sh
start_throwaway_postgres durable

OUT=$(mktemp -d /tmp/customers-bench.XXXXXX)
dotnet publish src/Customers.Api -c Release -o "$OUT/api" --nologo -v quiet >/dev/null
dotnet build bench/Customers.Bench -c Release --nologo -v quiet >/dev/null
# The web app's reference: the .NET WebAssembly runtime alone showing the same first page
# (not for the search-only runs, which have no web part).
if [ "${BENCH_DATABASE:-postgres}" != sqlite ] && [[ " $* " != *" --search-only "* ]]; then
  dotnet publish bench/ReferenceApp -c Release -o "$OUT/reference" --nologo -v quiet >/dev/null
fi

API_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
URL="http://127.0.0.1:$API_PORT"
# BENCH_DATABASE=sqlite: the service on SQLite, and only the search mix (issue 18's SQLite figures).
if [ "${BENCH_DATABASE:-postgres}" = sqlite ]; then
  DATABASE=(Database__Provider=sqlite "ConnectionStrings__Customers=Data Source=$OUT/bench.db")
  ONLY=(--search-sqlite "$OUT/bench.db")
else
  DATABASE=(Database__Provider=postgres "ConnectionStrings__Customers=$PG_CONNECTION;Database=customers")
  ONLY=()
fi
env ASPNETCORE_ENVIRONMENT=Benchmark \
  ASPNETCORE_URLS="$URL" \
  "${DATABASE[@]}" \
  Demo__Seed=true \
  Demo__AllowOutsideDevelopment=true \
  Auth__SigningKey="benchmark-signing-key-$(head -c 16 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" \
  Logging__LogLevel__Default=Warning \
  RateLimits__HeavyPerMinute=1000000 \
  RateLimits__PerMinute=1000000 \
  Imports__MaxUploadBytes=400000000 \
  "Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=${BENCH_SQL_LOG:-Warning}" \
  dotnet "$OUT/api/Customers.Api.dll" > "$OUT/api.log" 2>&1 &
API_PID=$!
cleanup() { [ -n "${BENCH_KEEP_LOG:-}" ] && cp "$OUT/api.log" "$BENCH_KEEP_LOG"; kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; stop_throwaway_postgres; rm -rf "$OUT"; }
trap cleanup EXIT

for _ in $(seq 1 120); do
  curl -sf "$URL/health/ready" >/dev/null 2>&1 && break
  kill -0 "$API_PID" 2>/dev/null || { cat "$OUT/api.log"; exit 1; }
  sleep 0.5
done

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"), PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'), .NET $(dotnet --version)"
dotnet bench/Customers.Bench/bin/Release/net10.0/Customers.Bench.dll --url "$URL" --pid "$API_PID" --postgres "$PG_CONNECTION;Database=customers" --web-reference "$OUT/reference/wwwroot" "${ONLY[@]}" "$@"
