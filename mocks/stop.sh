#!/usr/bin/env bash
# Stops the WireMock started by ./start.sh --background (reads .wiremock.pid).
set -euo pipefail

MOCKS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PID_FILE="$MOCKS_DIR/.wiremock.pid"

if [[ ! -f "$PID_FILE" ]]; then
  echo "stop.sh: no $PID_FILE, nothing to stop" >&2
  exit 0
fi

PID="$(cat "$PID_FILE")"
if [[ -z "$PID" ]] || ! kill -0 "$PID" 2>/dev/null; then
  echo "stop.sh: pid ${PID:-?} is not running; removing stale $PID_FILE" >&2
  rm -f "$PID_FILE"
  exit 0
fi

# Guard against a recycled pid: only stop it if it really is our WireMock.
if [[ -r "/proc/$PID/cmdline" ]] && ! tr '\0' ' ' <"/proc/$PID/cmdline" | grep -q 'wiremock-standalone'; then
  echo "stop.sh: pid $PID is not a WireMock process; removing stale $PID_FILE" >&2
  rm -f "$PID_FILE"
  exit 0
fi

kill -TERM "$PID" 2>/dev/null || true
for _ in $(seq 1 50); do
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.2
done
if kill -0 "$PID" 2>/dev/null; then
  echo "stop.sh: WireMock (pid $PID) ignored SIGTERM for 10s, sending SIGKILL" >&2
  kill -KILL "$PID" 2>/dev/null || true
fi
rm -f "$PID_FILE"
echo "WireMock stopped (pid $PID)"
