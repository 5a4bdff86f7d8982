#!/usr/bin/env bash
# Builds GameServer and runs the whole test suite twice: once as configured by default (LiteDB, with
# the store contract and copy tests against PostgreSQL too), then the integration and browser tests
# again with every server on PostgreSQL (Storage:Provider=Postgres). Ends with one
# "Tests: N passed, M failed" summing both runs.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter Category=Unit]
#   With arguments, or with GAMESERVER_TEST_STORAGE set, there is one run only:
#   GAMESERVER_TEST_STORAGE=Postgres ./test.sh --filter "Category=Integration|Category=Browser"
#   is the PostgreSQL variant alone (every server of the tests on PostgreSQL).
# PostgreSQL: a throwaway cluster (Debian's postgresql package, installed when missing) in a temporary
# directory on a free loopback port, started here for both runs and stopped at the end by its PID;
# GAMESERVER_TEST_POSTGRES=<connection string> names a server to use instead (databases are made on
# it and dropped).
# The results (trx, screenshots attached by the browser tests, hang dumps) go to $TEST_RESULTS_DIR
# when it is set (CI keeps it as an artifact); otherwise to a temporary directory that is kept only
# when the run fails. A test still running after TEST_HANG_TIMEOUT (5 min) is dumped and the run
# fails at once, instead of hanging until CI's own limit.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (https://dotnet.microsoft.com/download)." >&2
  exit 1
fi

# The browser tests drive Debian's Chromium: Playwright cannot download a browser of its own here.
# The PostgreSQL tests run a cluster of Debian's postgresql; the cluster tests Debian's redis-server.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ -z "${GAMESERVER_TEST_POSTGRES:-}" ] && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  missing+=(postgresql)
fi
if [ -z "${GAMESERVER_TEST_REDIS:-}" ] && ! command -v redis-server >/dev/null 2>&1; then
  missing+=(redis-server)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing Debian's ${missing[*]} for the tests..."
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ -n "${TEST_RESULTS_DIR:-}" ]; then
  results="$TEST_RESULTS_DIR"
  mkdir -p "$results"
else
  results="$(mktemp -d -t gameserver-tests.XXXXXX)"
fi

source .ci/postgres.sh
cleanup() {
  stop_postgres
  if [ -z "${TEST_RESULTS_DIR:-}" ] && [ "${keep_results:-0}" -ne 1 ]; then
    rm -rf "$results"
  fi
}
trap cleanup EXIT

dotnet restore GameServer.sln --nologo -v quiet
dotnet build GameServer.sln --no-restore --nologo -v quiet -c Release
start_postgres

status=0
run_tests() { # results directory, then dotnet test arguments
  local directory="$1"
  shift
  dotnet test GameServer.sln --no-build --nologo -c Release \
    --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
    --results-directory "$directory" \
    --blame-hang-timeout "${TEST_HANG_TIMEOUT:-5m}" --blame-hang-dump-type mini \
    "$@" || status=$?
}

run_tests "$results" "$@"
if [ -z "${GAMESERVER_TEST_STORAGE:-}" ] && [ "$#" -eq 0 ]; then
  echo "The integration and browser tests again, every server on PostgreSQL (GAMESERVER_TEST_STORAGE=Postgres)..."
  GAMESERVER_TEST_STORAGE=Postgres run_tests "$results/postgres" --filter "Category=Integration|Category=Browser"
fi

passed=0
failed=0
for trx in "$results"/*.trx "$results"/postgres/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

echo "Tests: ${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  keep_results=1
  echo "Results, attachments and any hang dump: $results"
  exit 1
fi
[ -z "${TEST_RESULTS_DIR:-}" ] || echo "Results and attachments: $results"
