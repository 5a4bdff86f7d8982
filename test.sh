#!/usr/bin/env bash
# Builds GameServer and runs the whole test suite; ends with "Tests: N passed, M failed".
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter Category=Unit]
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
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

if [ -n "${TEST_RESULTS_DIR:-}" ]; then
  results="$TEST_RESULTS_DIR"
  mkdir -p "$results"
else
  results="$(mktemp -d -t gameserver-tests.XXXXXX)"
  trap '[ "${keep_results:-0}" -eq 1 ] || rm -rf "$results"' EXIT
fi

dotnet restore GameServer.sln --nologo -v quiet
dotnet build GameServer.sln --no-restore --nologo -v quiet -c Release
status=0
dotnet test GameServer.sln --no-build --nologo -c Release \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" \
  --blame-hang-timeout "${TEST_HANG_TIMEOUT:-5m}" --blame-hang-dump-type mini \
  "$@" || status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
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
