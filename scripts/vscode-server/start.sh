#!/usr/bin/env bash
# Starts code-server on 127.0.0.1:$PORT with throwaway state under $RUN, in its own process group.
# $RUN/code-server.pid holds the group id. Extra args go to code-server.
# Settings for the user profile come from $SETTINGS_JSON (a file) when set.
set -euo pipefail
. "$(dirname "$0")/env.sh"
mkdir -p "$RUN/user-data/User" "$RUN/extensions" "$RUN/workspace"
if [ -n "${SETTINGS_JSON:-}" ]; then cp "$SETTINGS_JSON" "$RUN/user-data/User/settings.json"; else
cat > "$RUN/user-data/User/settings.json" <<'JSON'
{
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "security.workspace.trust.enabled": false,
  "chat.disableAIFeatures": true,
  "window.commandCenter": false,
  "files.hotExit": "off"
}
JSON
fi
setsid "${CS[@]}" --bind-addr "127.0.0.1:$PORT" --auth none \
   --disable-telemetry --disable-update-check --disable-workspace-trust \
   --disable-getting-started-override --ignore-last-opened \
   --reconnection-grace-time 10 \
   --user-data-dir "$RUN/user-data" --extensions-dir "$RUN/extensions" \
   "$@" "$RUN/workspace" > "$RUN/code-server.log" 2>&1 < /dev/null &
echo $! > "$RUN/code-server.pid"
for i in $(seq 1 240); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null; then
    echo "code-server up on http://127.0.0.1:$PORT after $((i * 250))ms"; exit 0
  fi
  sleep 0.25
done
echo "code-server did not come up"; tail -50 "$RUN/code-server.log"; exit 1
