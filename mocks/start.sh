#!/usr/bin/env bash
# Starts WireMock 3.13.2 standalone (from the pinned npm package) with mocks/ as its root dir.
#
#   ./start.sh                 foreground (Ctrl+C stops it)
#   ./start.sh --background    background; writes .wiremock.pid, logs to .wiremock.log,
#                              returns once GET /__admin/health answers
#   ./start.sh [--background] -- <extra WireMock options>   (e.g. -- --verbose)
#
# Environment:
#   WIREMOCK_PORT          HTTP port                     (default 8089)
#   WIREMOCK_BIND_ADDRESS  listen address                (default 127.0.0.1; 0.0.0.0 for all)
#   WIREMOCK_CONTAINER_THREADS  Jetty worker threads     (default 50)
#   WIREMOCK_JOURNAL_MAX   keep at most N requests in the request journal (default: unlimited)
#   WIREMOCK_START_TIMEOUT seconds to wait for health in --background mode (default 60)
#   JAVA_HOME / JAVA       Java 17+ to use               (default: java on PATH)
#   JAVA_OPTS              extra JVM options             (default -Xmx512m)
set -euo pipefail

MOCKS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WIREMOCK_VERSION="3.13.2"
JAR="$MOCKS_DIR/node_modules/wiremock/build/wiremock-standalone-${WIREMOCK_VERSION}.jar"
PID_FILE="$MOCKS_DIR/.wiremock.pid"
LOG_FILE="$MOCKS_DIR/.wiremock.log"

PORT="${WIREMOCK_PORT:-8089}"
BIND="${WIREMOCK_BIND_ADDRESS:-127.0.0.1}"
THREADS="${WIREMOCK_CONTAINER_THREADS:-50}"
START_TIMEOUT="${WIREMOCK_START_TIMEOUT:-60}"
JAVA_OPTS="${JAVA_OPTS:--Xmx512m}"

if [[ -n "${JAVA:-}" ]]; then
  JAVA_BIN="$JAVA"
elif [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA_BIN="$JAVA_HOME/bin/java"
else
  JAVA_BIN="java"
fi

BACKGROUND=0
EXTRA=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --background|-b) BACKGROUND=1; shift ;;
    --help|-h) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    --) shift; EXTRA+=("$@"); break ;;
    *) EXTRA+=("$1"); shift ;;
  esac
done

command -v "$JAVA_BIN" >/dev/null 2>&1 || { echo "start.sh: java not found (set JAVA_HOME or JAVA)" >&2; exit 1; }

if [[ ! -f "$JAR" ]]; then
  echo "start.sh: $JAR missing, running npm ci in $MOCKS_DIR" >&2
  (cd "$MOCKS_DIR" && npm ci --no-audit --no-fund)
  [[ -f "$JAR" ]] || { echo "start.sh: npm ci did not produce $JAR" >&2; exit 1; }
fi

ARGS=(
  --root-dir "$MOCKS_DIR"
  --port "$PORT"
  --bind-address "$BIND"
  --disable-banner
  --container-threads "$THREADS"
  --jetty-acceptor-threads 2
  --async-response-enabled true
  --async-response-threads 20
)
if [[ -n "${WIREMOCK_JOURNAL_MAX:-}" ]]; then
  ARGS+=(--max-request-journal-entries "$WIREMOCK_JOURNAL_MAX")
fi
ARGS+=("${EXTRA[@]+"${EXTRA[@]}"}")

# shellcheck disable=SC2206
JVM=($JAVA_OPTS)

if [[ "$BACKGROUND" -eq 0 ]]; then
  echo "WireMock ${WIREMOCK_VERSION} on http://${BIND}:${PORT} (root dir $MOCKS_DIR)" >&2
  exec "$JAVA_BIN" "${JVM[@]}" -jar "$JAR" "${ARGS[@]}"
fi

if [[ -f "$PID_FILE" ]]; then
  OLD_PID="$(cat "$PID_FILE" 2>/dev/null || true)"
  if [[ -n "$OLD_PID" ]] && kill -0 "$OLD_PID" 2>/dev/null; then
    echo "start.sh: WireMock already running (pid $OLD_PID, $PID_FILE); run ./stop.sh first" >&2
    exit 1
  fi
  rm -f "$PID_FILE"
fi

HEALTH_HOST="$BIND"
[[ "$HEALTH_HOST" == "0.0.0.0" ]] && HEALTH_HOST="127.0.0.1"
HEALTH_URL="http://${HEALTH_HOST}:${PORT}/__admin/health"

# setsid: the server survives the calling shell / test runner's process group.
setsid nohup "$JAVA_BIN" "${JVM[@]}" -jar "$JAR" "${ARGS[@]}" >"$LOG_FILE" 2>&1 </dev/null &
PID=$!
echo "$PID" >"$PID_FILE"

deadline=$(( $(date +%s) + START_TIMEOUT ))
while :; do
  if ! kill -0 "$PID" 2>/dev/null; then
    echo "start.sh: WireMock exited during start-up; last log lines ($LOG_FILE):" >&2
    tail -n 20 "$LOG_FILE" >&2 || true
    rm -f "$PID_FILE"
    exit 1
  fi
  if curl -fsS -o /dev/null --max-time 2 "$HEALTH_URL" 2>/dev/null; then
    break
  fi
  if [[ $(date +%s) -ge $deadline ]]; then
    echo "start.sh: WireMock did not answer $HEALTH_URL within ${START_TIMEOUT}s; stopping it" >&2
    kill "$PID" 2>/dev/null || true
    rm -f "$PID_FILE"
    tail -n 20 "$LOG_FILE" >&2 || true
    exit 1
  fi
  sleep 0.3
done

echo "WireMock ${WIREMOCK_VERSION} running: http://${HEALTH_HOST}:${PORT} pid ${PID} (pid file $PID_FILE, log $LOG_FILE)"
