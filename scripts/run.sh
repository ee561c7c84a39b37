#!/usr/bin/env bash
# Runs the gateway on its embedded defaults: SQLite in data/, a developer PKI made on first run in
# .devpki/, and the WireMock mocks of the external systems on 127.0.0.1:8089. Gateway on :8080.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export TZ=Asia/Almaty   # log lines in local time, like everything the gateway stores and sends
project=gateway/ProactiveReissue.Gateway
dotnet build "$project" -c Release -nologo -v quiet
gateway="$project/bin/Release/net10.0/ProactiveReissue.Gateway"
"$gateway" devpki --dir .devpki --mocks mocks --provider-base "http://127.0.0.1:${WIREMOCK_PORT:-8089}"
if ! curl -sf "http://127.0.0.1:${WIREMOCK_PORT:-8089}/__admin/health" >/dev/null 2>&1; then
  mocks/start.sh --background
  trap 'mocks/stop.sh >/dev/null 2>&1 || true' EXIT
else
  curl -sf -X POST "http://127.0.0.1:${WIREMOCK_PORT:-8089}/__admin/mappings/reset" >/dev/null
fi
ASPNETCORE_ENVIRONMENT=Development "$gateway" --urls "${GATEWAY_URLS:-http://127.0.0.1:8080}" --contentRoot "$PWD/$project" \
  --Gateway:Pki:Directory "$PWD/.devpki" --Gateway:Store:SqlitePath "$PWD/data/gateway.db"
