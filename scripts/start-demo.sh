#!/usr/bin/env bash
# `npm start`: try the extension without a RingCentral account. Builds the extension, starts the platform
# emulator, and opens a real VS Code with the extension loaded and ringcentral.server pointed at the emulator:
# desktop VS Code when `code` is on PATH, otherwise the VS Code server build (code-server) printing a URL to
# open in a browser. Ctrl+C stops everything.
# Env: EMULATOR_PORT (default 8788), PORT (VS Code server, default 8765), NUMBERS (default 2500).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
EMULATOR_PORT=${EMULATOR_PORT:-8788}
export PORT=${PORT:-8765}
NUMBERS=${NUMBERS:-2500}
SERVER_URL="http://127.0.0.1:$EMULATOR_PORT"

echo "=== building the extension and the emulator"
npm run -s build
npx tsc -p .

DEMO=$(mktemp -d "${TMPDIR:-/tmp}/rcdemo.XXXXXX")
PIDS=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$DEMO/run/code-server.pid" ] && RUN=$DEMO/run bash scripts/vscode-server/stop.sh || true
  rm -rf "$DEMO"
}
trap cleanup EXIT INT TERM

node out/test/emulator/cli.js --port "$EMULATOR_PORT" --numbers "$NUMBERS" &
PIDS+=($!)
for _ in $(seq 1 40); do curl -fsS -o /dev/null "$SERVER_URL/restapi/v1.0" 2>/dev/null && break; curl -s -o /dev/null "$SERVER_URL/" && break; sleep 0.25; done

settings() {
  cat <<JSON
{
  "ringcentral.server": "$SERVER_URL",
  "ringcentral.authFlow": "jwt",
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "chat.disableAIFeatures": true,
  "files.hotExit": "off"
}
JSON
}

if command -v code >/dev/null 2>&1 && [ -z "${RC_DEMO_SERVER:-}" ]; then
  mkdir -p "$DEMO/user-data/User"
  settings > "$DEMO/user-data/User/settings.json"
  echo "=== opening desktop VS Code with the extension loaded from $ROOT"
  code --new-window --user-data-dir "$DEMO/user-data" --extensionDevelopmentPath="$ROOT" --wait "$DEMO" &
  PIDS+=($!)
else
  echo "=== no desktop VS Code here: starting the VS Code server build (first run installs it, ~5 min)"
  bash scripts/vscode-server/setup.sh
  export RUN=$DEMO/run
  # User settings, as a user has them: ringcentral.* are application-scoped, read from there in remote windows too.
  settings > "$DEMO/settings.json"
  SETTINGS_JSON=$DEMO/settings.json bash scripts/vscode-server/install-ext.sh >/dev/null
  SETTINGS_JSON=$DEMO/settings.json bash scripts/vscode-server/start.sh
  echo
  echo "Open http://127.0.0.1:$PORT/?folder=$RUN/workspace in a browser, click the RingCentral icon, and Sign In."
fi
echo "Sign in with the client ID, client secret and JWT printed above by the emulator. Ctrl+C stops everything."
wait "${PIDS[0]}"
