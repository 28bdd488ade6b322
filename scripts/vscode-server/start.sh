#!/usr/bin/env bash
# Starts code-server on 127.0.0.1:$PORT with throwaway state under $RUN, in its own process group.
# $RUN/code-server.pid holds the group id (stop it with stop.sh). Extra args go to code-server, e.g.
#   --vscode-option enable-smoke-test-driver   (needed to run extension tests through the URL payload;
#                                               it also hides notification toasts)
# Settings for the user profile come from $SETTINGS_JSON (a file) when set, else the defaults below;
# $USER_SETTINGS (a JSON object, e.g. {"ringcentral.server": "http://127.0.0.1:8788"}) is merged on top.
# ringcentral.* belong in these User settings, as a user has them: a Machine (remote) settings file naming them is
# refused, because VS Code ignores them there and a rig that writes them would hide a user's bug (issue 7, point 10).
# Env: RIG, RUN, PORT (see env.sh); START_TIMEOUT_S (default 90).
set -euo pipefail
. "$(dirname "$0")/env.sh"
if [ ! -x "$CS_BIN" ] || [ ! -x "$N24/bin/node" ]; then
  echo "code-server is not installed under $RIG; run: bash scripts/vscode-server/setup.sh" >&2; exit 1
fi
# Another server on this port would answer the health check below and be mistaken for ours.
if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/healthz" 2>/dev/null; then
  echo "port $PORT is already serving; pick another PORT" >&2; exit 1
fi
mkdir -p "$RUN/user-data/User" "$RUN/extensions" "$RUN/workspace"
if [ -n "${SETTINGS_JSON:-}" ]; then cp "$SETTINGS_JSON" "$RUN/user-data/User/settings.json"; else
cat > "$RUN/user-data/User/settings.json" <<'JSON'
{
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "workbench.enableExperiments": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "security.workspace.trust.enabled": false,
  "chat.disableAIFeatures": true,
  "window.commandCenter": false,
  "window.restoreWindows": "none",
  "files.hotExit": "off",
  "git.enabled": false,
  "git.autoRepositoryDetection": false
}
JSON
fi
if [ -n "${USER_SETTINGS:-}" ]; then
  USER_SETTINGS_FILE="$RUN/user-data/User/settings.json" node -e '
    const fs = require("fs"); const f = process.env.USER_SETTINGS_FILE;
    let extra; try { extra = JSON.parse(process.env.USER_SETTINGS); } catch (e) { console.error(`USER_SETTINGS is not a JSON object: ${e.message}`); process.exit(1); }
    fs.writeFileSync(f, JSON.stringify({ ...JSON.parse(fs.readFileSync(f, "utf8")), ...extra }, null, 2) + "\n");'
fi
# workbench.welcomePage.walkthroughs.openOnInstall has scope "machine": a remote window (code-server is one) reads it
# from the Machine settings only; set there, no walkthrough opens by itself over the tests' editors.
mkdir -p "$RUN/user-data/Machine"
[ -f "$RUN/user-data/Machine/settings.json" ] || printf '{\n  "workbench.welcomePage.walkthroughs.openOnInstall": false\n}\n' > "$RUN/user-data/Machine/settings.json"
if grep -qs '"ringcentral\.' "$RUN/user-data/Machine/settings.json"; then
  echo "$RUN/user-data/Machine/settings.json sets ringcentral.*: put them in the User settings (USER_SETTINGS)" >&2; exit 1
fi
setsid "${CS[@]}" --bind-addr "127.0.0.1:$PORT" --auth none \
   --disable-telemetry --disable-update-check --disable-workspace-trust \
   --disable-getting-started-override --ignore-last-opened \
   --reconnection-grace-time 10 \
   --user-data-dir "$RUN/user-data" --extensions-dir "$RUN/extensions" \
   "$@" "$RUN/workspace" > "$RUN/code-server.log" 2>&1 < /dev/null &
pid=$!
echo "$pid" > "$RUN/code-server.pid"
limit=$(( ${START_TIMEOUT_S:-90} * 4 ))
for i in $(seq 1 "$limit"); do
  if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/healthz" 2>/dev/null; then
    echo "code-server up on http://127.0.0.1:$PORT after $((i * 250))ms (log $RUN/code-server.log)"; exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "code-server exited early:" >&2; tail -50 "$RUN/code-server.log" >&2; exit 1; fi
  sleep 0.25
done
echo "code-server did not come up within ${START_TIMEOUT_S:-90}s" >&2; tail -50 "$RUN/code-server.log" >&2; exit 1
