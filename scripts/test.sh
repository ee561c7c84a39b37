#!/usr/bin/env bash
# Runs every test of the solution (unit, integration with real Kestrel/WireMock/SQLite, interop with
# zeep and xmlsec1) and ends with one line "N passed, N failed". Exit code non-zero if anything failed.
#   scripts/test.sh [extra dotnet test args]
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [[ ! -f mocks/node_modules/wiremock/build/wiremock-standalone-3.13.2.jar ]]; then
  echo "== installing WireMock 3.13.2 (npm ci in mocks/)"
  (cd mocks && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi

missing=()
command -v xmlsec1 >/dev/null || missing+=(xmlsec1)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v redis-benchmark >/dev/null || missing+=(redis-tools)
/usr/bin/python3 -c 'import zeep, xmlsec' 2>/dev/null || missing+=(python3-zeep python3-xmlsec)
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "== installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "warning: ${missing[*]} missing; interop tests will be skipped (sudo apt-get install ${missing[*]})"
  fi
fi

results=TestResults
rm -rf "$results"
dotnet build ProactiveReissue.sln -c Release -nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }
dotnet test ProactiveReissue.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [[ -f "$trx" ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
echo "$passed passed, $failed failed"
[[ $status -eq 0 && $failed -eq 0 ]]
